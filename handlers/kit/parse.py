"""Reading /deal's text: subcommand, deal reference, words, mentions."""

import re
from dataclasses import dataclass

from bot.common.errors import InvalidInput
from handlers.kit.mrkdwn import unescape

__all__ = [
    "Parsed",
    "mentions",
    "only_mention",
    "split",
    "split_ref",
    "strip_mentions",
    "unescape",
]

# With should_escape on, Slack sends a typed @bob as <@U123|bob> (or <@U123>). A user id
# fits its columns (32 characters); a longer "id" is no one, and is not read as a mention.
MENTION = re.compile(r"<@([UW][A-Z0-9]{1,31})(?:\|[^>]*)?>")


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


def split_ref(rest: str, usage: str) -> tuple[str, str]:
    """The deal (a number, one word, or a "quoted name") and the rest of the text.

    `usage` is the command's example line (mrkdwn), said when the deal is missing.
    """
    rest = rest.strip()
    if not rest:
        raise InvalidInput("deal_ref_missing", usage=usage)
    if rest.startswith('"'):
        ref, quote, tail = rest[1:].partition('"')
        if not quote or not ref.strip():
            raise InvalidInput("deal_ref_unclosed", usage=usage)
        return ref.strip(), tail.strip()
    ref, _, tail = rest.partition(" ")
    return ref, tail.strip()


def mentions(text: str) -> list[str]:
    """User ids mentioned in the text, in order, without repeats."""
    seen: list[str] = []
    for uid in MENTION.findall(text):
        if uid not in seen:
            seen.append(uid)
    return seen


def only_mention(text: str) -> str | None:
    """The user id when the text is one mention and nothing else, else None."""
    m = MENTION.fullmatch(text.strip())
    return m.group(1) if m else None


def strip_mentions(text: str) -> str:
    """The text without user mentions."""
    return " ".join(MENTION.sub(" ", text).split())
