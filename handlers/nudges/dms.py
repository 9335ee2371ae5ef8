"""Nudge DMs: each owner's quiet deals with a way forward for each."""

import json
import logging
from datetime import date, datetime

from slack_sdk import WebClient

from bot.common.errors import InvalidInput
from bot.deals import edits
from bot.deals import quiet as quiet_rule
from bot.deals.service import DealView
from bot.nudges import service as nudges
from bot.runtime.outbox import Sent
from handlers.deals.card import stage_menu
from handlers.kit import blocks
from handlers.kit import text as fmt
from handlers.kit.delivery import dm_once
from handlers.kit.ids import Action, Block
from handlers.kit.layout import deal_line
from handlers.kit.metadata import DealAt, ModalMeta
from handlers.kit.mrkdwn import escape
from storage.db import session_scope
from storage.models import Outbox
from storage.types import utcnow

log = logging.getLogger("dealbot")
SHOWN = 20  # deals with buttons in one DM: 2 blocks each, 42 in all, within MESSAGE_BLOCKS


def nudge_blocks(nudge: nudges.Nudge, now: datetime) -> list[dict]:
    """The DM: a line and four buttons for each quiet deal, the rest counted."""
    quiet, stages = nudge.quiet, nudge.stages
    active = [s for s in stages if s.active]
    out: list[dict] = [
        blocks.text(
            f"*{len(quiet)} of your deals went quiet.* A next step, a "
            "snooze or a move keeps the pipeline honest."
        )
    ]
    by_id = {s.id: s for s in stages}
    for deal, last in quiet[:SHOWN]:
        stage = by_id.get(deal.stage_id)
        days = quiet_rule.days_quiet(last, now)
        line = deal_line(
            f"*{fmt.deal_title(deal)}*",
            fmt.value(deal, short=True),
            escape(stage.name if stage else "?"),
            f"quiet for {days} day{'' if days == 1 else 's'}",
            f"next: {escape(deal.next_step or '–')}",
        )
        out.append(blocks.text(line))
        at = DealAt(deal=deal.number, stage=deal.stage_id).dump()
        elements = [
            blocks.button("Update next step", Action.next_step, at, "primary"),
            blocks.button("Snooze", Action.snooze, at),
        ]
        menu = stage_menu(deal.number, deal.stage_id, active, "Move…")
        if menu:
            elements.append(menu)
        elements.append(blocks.button("Mark lost", Action.lost, at, "danger"))
        out.append({"type": "actions", "elements": elements})
    if len(quiet) > SHOWN:
        out.append(blocks.context(f"And {len(quiet) - SHOWN} more: `/deal list mine`."))
    return out


def run_due(now: datetime) -> int:
    """Claim today's nudges; each claim's outbox row sends it (see send_nudge)."""
    with session_scope() as s:
        return len(nudges.claim_due(session=s, now=now))


def send_nudge(client: WebClient, row: Outbox) -> Sent:
    """One owner's quiet deals, with a way forward for each, by DM (once)."""
    now = utcnow()
    with session_scope() as s:
        nudge = nudges.claimed(
            session=s,
            team_id=row.team_id,
            user_id=row.user_id,
            payload=json.loads(row.payload or "{}"),
        )
    if not nudge.quiet:
        return Sent()
    posted = dm_once(
        client,
        row,
        text=f"{len(nudge.quiet)} of your deals went quiet.",
        blocks=nudge_blocks(nudge, now),
    )

    def record(s) -> None:
        nudges.sent(session=s, nudge=nudge)

    return Sent(ts=posted["ts"], record=record)


def next_step_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Set the next step from the nudge's form."""
    with session_scope() as s:
        return edits.change(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            field="next",
            value=f.get(Block.next_text, ""),
        )


def snooze_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Snooze the deal from the nudge's form."""
    try:
        until = date.fromisoformat(f.get(Block.snooze_until, ""))
    except ValueError:
        raise InvalidInput("snooze_no_day") from None
    with session_scope() as s:
        return nudges.snooze(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            until=until,
            reason=f.get(Block.snooze_reason, ""),
        )
