"""Slack's size limits and the small text helpers every surface lays its lines out with."""

from datetime import datetime

MESSAGE_BLOCKS = 50  # Slack's limit of blocks in one message
VIEW_BLOCKS = 100  # Slack's limit of blocks in a modal or a Home tab
SECTION_TEXT = 3000  # Slack's limit of characters in a section's text
SEPARATOR = " · "


def plural(n: int, word: str = "deal") -> str:
    """`1 deal`, `3 deals`, `2,000 open deals`."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def clip(text: str, limit: int) -> str:
    """The text, or its first characters and an ellipsis when it is longer than `limit`."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def deal_line(title: str, *facts: str | None) -> str:
    """`#12 Acme Corp · $12k · Proposal · <@U1>`: a deal's title and its facts, empty ones left out.

    The caller escapes user text and chooses the facts; the separator is the same everywhere.
    """
    return SEPARATOR.join([title, *(f for f in facts if f)])


def pack(lines: list[str], limit: int = SECTION_TEXT - 20) -> list[str]:
    """Lines joined into as few texts as fit a section (at most `limit`), in order, none empty.

    A line longer than the limit gets a text of its own (the section cuts it there).
    """
    texts: list[str] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= limit:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def reader_day(at: datetime) -> str:
    """A date each reader sees in their own time zone (`yesterday`, `Mar 2`)."""
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}}|{at.date().isoformat()}>"
