"""Escaping user text for mrkdwn."""

from handlers.kit.mrkdwn import ZWSP, escape


def test_pings_and_links_become_literal():
    assert escape("<!channel> & <@U123>") == "&lt;!channel&gt; &amp; &lt;@U123&gt;"


def test_formatting_markers_are_broken_but_look_the_same():
    out = escape("*bold* _it_ ~s~ `c`")
    assert out.replace(ZWSP, "") == "*bold* _it_ ~s~ `c`"
    for marker in "*_~`":
        assert all(out[i - 1] == ZWSP for i, ch in enumerate(out) if ch == marker)


def test_plain_text_undoes_mrkdwn_for_places_slack_shows_as_plain_text():
    from handlers.kit.mrkdwn import mentioned, plain_text

    said = ("#1 A &amp; B\u200b* by <@U0BOB> on <!date^1772366400^{date_short_pretty}|2026-03-01>"
            " see <https://x.io|the doc>, <!here>")
    assert plain_text(said, {"U0BOB": "bob"}) == (
        "#1 A & B* by @bob on 2026-03-01 see the doc (https://x.io), @here")
    assert plain_text("<@U0CAT>") == "@U0CAT"
    assert mentioned("<@U0BOB> and <@U0CAT|cat> and <@U0BOB>") == ["U0BOB", "U0CAT"]
