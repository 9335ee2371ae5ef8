"""Generic Block Kit pieces for messages. Pure: data in, block dicts out."""

from bot.i18n import _
from handlers.kit.layout import SECTION_TEXT, pack

BUTTON_TEXT = 75  # Slack's limit on a button's label


def text(mrkdwn: str) -> dict:
    """A section with mrkdwn text."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn[:SECTION_TEXT]}}


def context(mrkdwn: str) -> dict:
    """A context line."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn[:SECTION_TEXT]}]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    """A button."""
    b = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:BUTTON_TEXT], "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        b["style"] = style
    return b


def help_blocks(help_text: str, hint: str | None = None) -> list[dict]:
    """A help text (marked N_() where it is written; translated here), with a one-line hint
    on top when the user typed something wrong (translated by the caller)."""
    blocks = [text(hint)] if hint else []
    topics: list[str] = []  # a `*Heading*` line starts a topic; a section never splits one
    for line in _(help_text).splitlines():
        if line.startswith("*") or not topics:
            topics.append(line)
        else:
            topics[-1] += "\n" + line
    return [*blocks, *(text(t) for t in pack(topics))]
