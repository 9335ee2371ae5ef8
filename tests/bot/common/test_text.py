"""Escaping user text for mrkdwn."""

from bot.common.text import ZWSP, clean_line, escape


def test_pings_and_links_become_literal():
    assert escape("<!channel> & <@U123>") == "&lt;!channel&gt; &amp; &lt;@U123&gt;"


def test_formatting_markers_are_broken_but_look_the_same():
    out = escape("*bold* _it_ ~s~ `c`")
    assert out.replace(ZWSP, "") == "*bold* _it_ ~s~ `c`"
    for marker in "*_~`":
        assert all(out[i - 1] == ZWSP for i, ch in enumerate(out) if ch == marker)


def test_clean_line_drops_control_characters_and_folds_space():
    assert clean_line(" Acme\n\tCorp\x00  ") == "Acme Corp"
