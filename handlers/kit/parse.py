"""Reading /deal's text: subcommand, words, mentions."""

import re
from dataclasses import dataclass

from handlers.kit.mrkdwn import unescape

__all__ = ["Parsed", "mentions", "split", "strip_mentions", "unescape"]

# With should_escape on, Slack sends a typed @bob as <@U123|bob> (or <@U123>).
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class Parsed:
    """A /deal command split into its subcommand and the rest."""

    sub: str
    rest: str


def split(text: str) -> Parsed:
    """The first word (lower case) and the rest of the text."""
    text = (text or "").strip()
    if not text:
        return Parsed("", "")
    head, _, rest = text.partition(" ")
    return Parsed(head.lower(), rest.strip())


def mentions(text: str) -> list[str]:
    """User ids mentioned in the text, in order, without repeats."""
    seen: list[str] = []
    for uid in MENTION.findall(text):
        if uid not in seen:
            seen.append(uid)
    return seen


def strip_mentions(text: str) -> str:
    """The text without user mentions."""
    return " ".join(MENTION.sub(" ", text).split())
