"""What deal links and their unfurls say."""

from bot.deals.service import DealView
from bot.i18n import N_, _
from bot.pipeline.templates import local_name
from handlers.kit import text as fmt
from handlers.kit.mrkdwn import escape

SHOW = N_("Show")
ADVANCE = N_("Advance to {stage}")
ARCHIVED = N_("🗄 Archived: `/deal restore {number}` brings it back.")
CLOSED = N_("Closed: `/deal reopen {number}` opens it again.")


def moved(v: DealView) -> str:
    """What a click on an unfurl's Advance did (the unfurl is a snapshot; the card is live)."""
    return _("Done: {deal} is now at *{stage}*; its card is updated.").format(
        deal=fmt.deal_title(v.deal), stage=escape(local_name(v.stage.name))
    )
