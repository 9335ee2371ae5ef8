"""Nudges: one DM a day to each owner whose deals went quiet, and snoozing them."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from bot.common.errors import InvalidInput, StaleDeal
from bot.common.text import clean_line
from bot.deals import quiet
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.digests import schedule
from storage import claims, deal_queries, outbox_batch, queries
from storage import subscription_queries as sq
from storage.models import Deal, DigestSubscription, NudgeRun, Stage
from storage.types import utcnow

LIST_MAX = 500  # quiet deals looked at per workspace and day


@dataclass
class Nudge:
    """One owner's quiet deals, claimed for one local date, and the workspace's stages."""

    team_id: str
    user_id: str
    local_date: date
    quiet: list[tuple[Deal, datetime]]
    stages: list[Stage] = field(default_factory=list)  # every stage, retired ones too


def nudge_clock(session: Session) -> dict[str, DigestSubscription]:
    """Per workspace, the subscription whose time nudges follow: its first active one."""
    first: dict[str, DigestSubscription] = {}
    for sub in sq.active_subscriptions(session=session):
        first.setdefault(sub.team_id, sub)
    return first


def quiet_deals(
    session: Session, team_id: str, now: datetime, today: date | None = None
) -> list[tuple[Deal, datetime]]:
    """The team's quiet deals (bot.deals.quiet) with their newest activity, quietest first."""
    _count, rows = quiet.quiet_deals(
        session=session, team_id=team_id, now=now, today=today or now.date(), limit=LIST_MAX
    )
    return rows


def claim_due(*, session: Session, now: datetime) -> list[Nudge]:
    """Claim today's nudge for each owner with quiet deals, at their workspace's digest time."""
    won: list[Nudge] = []
    for team_id, sub in nudge_clock(session).items():
        due = schedule.due("daily", None, sub.at_time, sub.tz, now, sub.created_at)
        if due is None or sq.nudged_on(session=session, team_id=team_id, day=due.local_date):
            continue  # not yet time, or today's nudges were claimed (by us or a replica)
        by_owner: dict[str, list[tuple[Deal, datetime]]] = {}
        for deal, last in quiet_deals(session, team_id, now, due.local_date):
            by_owner.setdefault(deal.owner_id, []).append((deal, last))
        stages = queries.all_stages(session=session, team_id=team_id) if by_owner else []
        for owner, mine in by_owner.items():
            if _insert_claim(session, team_id, owner, due.local_date):
                won.append(Nudge(team_id, owner, due.local_date, mine, stages))
                # Sent by the outbox: a crash after this commit still sends it, once.
                items = [[d.id, last.isoformat()] for d, last in mine]
                outbox_batch.enqueue_one(
                    session=session,
                    team_id=team_id,
                    kind="nudge",
                    user_id=owner,
                    payload=json.dumps({"day": due.local_date.isoformat(), "deals": items}),
                )
    return won


def claimed(*, session: Session, team_id: str, user_id: str, payload: dict) -> Nudge:
    """The nudge an outbox row stands for, with its deals as they are now."""
    day = date.fromisoformat(payload["day"])
    wanted = {deal_id: datetime.fromisoformat(at) for deal_id, at in payload["deals"]}
    found = deal_queries.deals_by_ids(session=session, team_id=team_id, ids=list(wanted))
    quiet_now = [(d, wanted[d.id]) for d in found if d.archived_at is None]
    stages = queries.all_stages(session=session, team_id=team_id)
    return Nudge(team_id, user_id, day, quiet_now, stages)


def _insert_claim(session: Session, team_id: str, user_id: str, day: date) -> bool:
    claimed = claims.insert_new(
        session=session,
        column=NudgeRun.user_id,
        team_id=team_id,
        user_id=user_id,
        local_date=day,
        claimed_at=utcnow(),
    )
    return claimed is not None


def sent(*, session: Session, nudge: Nudge) -> None:
    """Record that the nudge went out."""
    run = session.get(NudgeRun, (nudge.team_id, nudge.user_id, nudge.local_date))
    run.posted_at = utcnow()
    session.add(run)


def snooze(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    until: date,
    reason: str,
    today: date | None = None,
) -> DealView:
    """Keep a deal off the stale lists until a date, saying why."""
    today = today or utcnow().date()
    reason = clean_line(reason)[:500]
    if until <= today:
        raise InvalidInput("snooze_not_after_today", today=today)
    if not reason:
        raise InvalidInput("snooze_no_reason")
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    # Conditional on the version read: a concurrent edit is refused, never overwritten.
    if not queries.update_if_version(
        session=session,
        team_id=team_id,
        deal_id=deal.id,
        version=deal.version,
        now=utcnow(),
        snoozed_until=until,
        snooze_reason=reason,
    ):
        raise StaleDeal("changed_meanwhile", number=deal.number)
    session.refresh(deal)
    deals.record(session, deal, actor, "snoozed", to=until.isoformat(), note=reason)
    session.flush()
    return deals.view(session=session, deal=deal)
