"""User text in and out of Slack's mrkdwn: the one escape, and its undoing for what we store."""

import re

_FORMATTING = re.compile(r"([*_~`])")
ZWSP = "\u200b"


def escape(text: str) -> str:
    """User text made literal in mrkdwn: & < > as entities, no pings, no stray formatting.

    Slack only defines escapes for &, < and >. A zero-width space before each of
    * _ ~ ` keeps Slack from reading them as bold, italic, strike or code markers
    while the text looks the same.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _FORMATTING.sub(ZWSP + r"\1", text)


def unescape(text: str) -> str:
    """Slack's escaping of & < > undone, for text we store (we escape again on the way out)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
