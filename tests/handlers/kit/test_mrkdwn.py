"""Escaping user text for mrkdwn."""

from handlers.kit.mrkdwn import ZWSP, escape


def test_pings_and_links_become_literal():
    assert escape("<!channel> & <@U123>") == "&lt;!channel&gt; &amp; &lt;@U123&gt;"


def test_formatting_markers_are_broken_but_look_the_same():
    out = escape("*bold* _it_ ~s~ `c`")
    assert out.replace(ZWSP, "") == "*bold* _it_ ~s~ `c`"
    for marker in "*_~`":
        assert all(out[i - 1] == ZWSP for i, ch in enumerate(out) if ch == marker)
