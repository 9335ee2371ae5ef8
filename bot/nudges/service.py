"""Nudges: one DM a day to each owner whose deals went quiet, and snoozing them."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from bot.common.errors import InvalidInput
from bot.common.text import clean_line
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.digests import schedule
from bot.digests.build import stale_cutoffs
from storage import digest_queries as dq
from storage import queries
from storage.models import Deal, DigestSubscription, NudgeRun
from storage.types import utcnow

LIST_MAX = 500  # quiet deals looked at per workspace and day


@dataclass
class Nudge:
    """One owner's quiet deals, claimed for one local date."""

    team_id: str
    user_id: str
    local_date: date
    quiet: list[tuple[Deal, datetime]]


def nudge_clock(session: Session) -> dict[str, DigestSubscription]:
    """Per workspace, the subscription whose time nudges follow: its first active one."""
    subs = session.exec(
        select(DigestSubscription)
        .where(DigestSubscription.active)
        .order_by(col(DigestSubscription.id))
    ).all()
    first: dict[str, DigestSubscription] = {}
    for sub in subs:
        first.setdefault(sub.team_id, sub)
    return first


def quiet_deals(
    session: Session, team_id: str, now: datetime, today: date | None = None
) -> list[tuple[Deal, datetime]]:
    """Open deals with no activity for longer than their stage allows, not snoozed."""
    cutoffs = stale_cutoffs(queries.stages(session=session, team_id=team_id), now)
    where = dq.scope(team_id, owner=None, stage_id=None, min_value=None)
    _count, rows = dq.stale(
        session=session, where=where, cutoffs=cutoffs, today=today or now.date(), limit=LIST_MAX
    )
    return [(row[0], row[1]) for row in rows]


def claim_due(*, session: Session, now: datetime) -> list[Nudge]:
    """Claim today's nudge for each owner with quiet deals, at their workspace's digest time."""
    won: list[Nudge] = []
    for team_id, sub in nudge_clock(session).items():
        due = schedule.due("daily", None, sub.at_time, sub.tz, now, sub.created_at)
        if due is None or _nudged(session, team_id, due.local_date):
            continue  # not yet time, or today's nudges were claimed (by us or a replica)
        by_owner: dict[str, list[tuple[Deal, datetime]]] = {}
        for deal, last in quiet_deals(session, team_id, now, due.local_date):
            by_owner.setdefault(deal.owner_id, []).append((deal, last))
        for owner, quiet in by_owner.items():
            if _insert_claim(session, team_id, owner, due.local_date):
                won.append(Nudge(team_id, owner, due.local_date, quiet))
    return won


def _nudged(session: Session, team_id: str, day: date) -> bool:
    """Whether the team's nudges for that local date were already claimed."""
    q = select(NudgeRun.user_id).where(NudgeRun.team_id == team_id, NudgeRun.local_date == day)
    return session.exec(q.limit(1)).first() is not None


def _insert_claim(session: Session, team_id: str, user_id: str, day: date) -> bool:
    claimed = queries.insert_new(
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
    reason = clean_line(reason)
    if until <= today:
        raise InvalidInput(f"Snooze until a day after today ({today.isoformat()}).")
    if not reason:
        raise InvalidInput("Say why the deal can wait, e.g. “their budget opens in March”.")
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    deal.snoozed_until, deal.snooze_reason = until, reason[:500]
    session.add(deal)
    deals.record(session, deal, actor, "snoozed", to=until.isoformat(), note=reason[:500])
    session.flush()
    return deals.view(session=session, deal=deal)
