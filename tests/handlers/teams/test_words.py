"""Who may change what, said in each language: whole sentences, the verb and people in place."""

from datetime import UTC, datetime

from bot.i18n import speaking
from handlers.teams.show import change_line
from handlers.teams.words import admin_only, change_not_yours, role_words
from storage.models import RoleChange


def test_a_refused_change_names_the_verb_and_the_people_in_each_language():
    said = {}
    for lang in ("en", "fi", "fr", "ro"):
        with speaking(lang):
            said[lang] = change_not_yours(12, "won", "U0ANN", "U0MAN")
    assert said["en"] == (
        "Only the deal's owner (<@U0ANN>), its collaborators, <@U0ANN>'s manager (<@U0MAN>) "
        "or an admin can mark #12 won. Ask one of them, or an admin can open the workspace "
        "with `/deal access open`."
    )
    assert "voi merkitä kaupan #12 voitetuksi" in said["fi"]
    assert "peuvent marquer #12 comme gagnée" in said["fr"]
    assert "pot marca #12 drept câștigată" in said["ro"]
    for text in said.values():
        assert text.count("<@U0ANN>") == 2 and "<@U0MAN>" in text


def test_admin_settings_and_roles_are_translated_and_unknown_ones_kept():
    with speaking("fr"):
        assert admin_only("currency", ["U0DAN"], ["U0DAN"]).startswith(
            "Seul un administrateur peut changer la devise de l'espace de travail : "
        )
        assert "(a installé dealbot)" in admin_only("currency", ["U0DAN"], ["U0DAN"])
        assert "peut something" in admin_only("something_new", [], [])  # escaped, as typed
        assert role_words("manager") == "manager"
    with speaking("ro"):
        assert role_words("seller") == "agent de vânzări"


def test_the_record_of_role_changes_reads_in_the_language():
    c = RoleChange(team_id="T", actor_id="U0DAN", kind="role", subject="U0BOB",
                   from_value="seller", to_value="manager", at=datetime(2026, 3, 2, tzinfo=UTC))
    assert change_line(c).endswith("<@U0DAN> made <@U0BOB> a manager (was a seller)")
    with speaking("fi"):
        assert change_line(c).endswith(
            "<@U0DAN> vaihtoi käyttäjän <@U0BOB> rooliksi: esihenkilö (oli myyjä)"
        )
