"""The compact card a pasted deal link unfurls into. Pure: data in, blocks out."""

from bot.deals.service import DealView
from bot.i18n import _
from bot.pipeline.templates import local_name
from handlers.deals.card import next_stage
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context
from handlers.kit.ids import Action
from handlers.kit.metadata import MoveValue
from handlers.links import words

BLOCK = "unfurl_actions"  # block_id prefix of an unfurl's buttons


def unfurl_blocks(v: DealView) -> list[dict]:
    """Title, stage, value and owner; Advance (an open, live deal) and Show. The buttons
    carry what the card's do, so the card's listeners act on them."""
    d = v.deal
    fields = [
        _("*Stage*") + f"\n{fmt.stage_place(v)}",
        _("*Value*") + f"\n{fmt.value(d)}",
        _("*Owner*") + f"\n{fmt.user(d.owner_id)}",
    ]
    blocks: list[dict] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": f"*{fmt.deal_title(d)}*"},
            "fields": [{"type": "mrkdwn", "text": f} for f in fields],
        }
    ]
    if d.archived_at is not None:
        blocks.append(context(_(words.ARCHIVED).format(number=d.number)))
    elif v.stage.kind != "open":
        blocks.append(context(_(words.CLOSED).format(number=d.number)))
    elements = []
    nxt = next_stage(v) if d.archived_at is None else None
    if nxt is not None:
        move = MoveValue(deal=d.number, frm=v.stage.id, to=nxt.id).dump()
        label = _(words.ADVANCE).format(stage=local_name(nxt.name))
        elements.append(button(label, Action.advance, move, "primary"))
    elements.append(button(_(words.SHOW), Action.show, str(d.number)))
    blocks.append({"type": "actions", "block_id": f"{BLOCK}:{d.number}", "elements": elements})
    return blocks
