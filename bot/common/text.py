"""Making user text safe for Slack's mrkdwn."""

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


def clean_line(text: str) -> str:
    """One line of user text: control characters dropped, white space folded."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def unescape(text: str) -> str:
    """Slack's escaping of & < > undone, for text we store (we escape again on the way out)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
