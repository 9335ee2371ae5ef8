"""Reading a language from a Slack locale or from what a person typed."""

from bot.i18n.choice import from_locale, known


def test_a_slack_locale_gives_its_language_only_when_dealbot_speaks_it():
    assert [from_locale(x) for x in ("fi-FI", "fr-CA", "ro-RO", "en-GB", "en-US")] == [
        "fi", "fr", "ro", "en", "en"]
    assert [from_locale(x) for x in ("de-DE", "es-LA", "", None, 12)] == [None] * 5


def test_a_language_is_named_by_code_own_name_english_name_or_locale():
    for typed, lang in [("fi", "fi"), ("Suomi", "fi"), ("finnish", "fi"), ("FR", "fr"),
                        ("français", "fr"), ("francais", "fr"), ("română", "ro"),
                        ("Romana", "ro"), ("ro-RO", "ro"), ("English", "en")]:
        assert known(typed) == lang, typed
    assert [known(x) for x in ("de", "klingon", "", "f")] == [None] * 4
