"""What deal links and their unfurls say."""

from bot.deals.service import DealView
from handlers.kit import text as fmt
from handlers.kit.mrkdwn import escape

SHOW = "Show"
ADVANCE = "Advance to {stage}"
ARCHIVED = "🗄 Archived: `/deal restore {number}` brings it back."
CLOSED = "Closed: `/deal reopen {number}` opens it again."


def moved(v: DealView) -> str:
    """What a click on an unfurl's Advance did (the unfurl is a snapshot; the card is live)."""
    return (
        f"Done: {fmt.deal_title(v.deal)} is now at *{escape(v.stage.name)}*; its card is updated."
    )
