"""Nudge DMs: each owner's quiet deals with a way forward for each."""

import json
import logging
from datetime import date, datetime

from slack_sdk import WebClient

from bot.common.errors import InvalidInput
from bot.deals import edits
from bot.deals import quiet as quiet_rule
from bot.deals.service import DealView
from bot.i18n import _, n_
from bot.nudges import service as nudges
from bot.pipeline.templates import local_name
from bot.runtime.sending import Sent
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
            n_(
                "*{n} of your deals went quiet.* A next step, a "
                "snooze or a move keeps the pipeline honest.",
                "*{n} of your deals went quiet.* A next step, a "
                "snooze or a move keeps the pipeline honest.",
                len(quiet),
            ).format(n=len(quiet))
        )
    ]
    by_id = {s.id: s for s in stages}
    for deal, last in quiet[:SHOWN]:
        stage = by_id.get(deal.stage_id)
        days = quiet_rule.days_quiet(last, now)
        line = deal_line(
            f"*{fmt.deal_title(deal)}*",
            fmt.value(deal, short=True),
            escape(local_name(stage.name) if stage else "?"),
            n_("quiet for {n} day", "quiet for {n} days", days).format(n=days),
            _("next: {step}").format(step=escape(deal.next_step or "–")),
        )
        out.append(blocks.text(line))
        at = DealAt(deal=deal.number, stage=deal.stage_id).dump()
        elements = [
            blocks.button(_("Update next step"), Action.next_step, at, "primary"),
            blocks.button(_("Snooze"), Action.snooze, at),
        ]
        menu = stage_menu(deal.number, deal.stage_id, active, _("Move…"))
        if menu:
            elements.append(menu)
        elements.append(blocks.button(_("Mark lost"), Action.lost, at, "danger"))
        out.append({"type": "actions", "elements": elements})
    if len(quiet) > SHOWN:
        more = len(quiet) - SHOWN
        out.append(blocks.context(_("And {n} more: `/deal list mine`.").format(n=more)))
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
        text=n_(
            "{n} of your deals went quiet.", "{n} of your deals went quiet.", len(nudge.quiet)
        ).format(n=len(nudge.quiet)),
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
