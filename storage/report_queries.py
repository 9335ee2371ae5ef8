"""Queries behind reports over any period: all filter by team_id; the period is [start, end)."""

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from storage import digest_queries as dq
from storage.models import Activity, Deal
from storage.stage_queries import current_name


def closed_by_owner(
    *, session: Session, team_id: str, where: dq.Where, start: datetime, end: datetime
) -> list[tuple[str, str, str, int, int, int | None, float]]:
    """(owner, won or lost, currency, deals, deals with a value, summed value, summed days
    from creation to close) of the deals closed in the period, by their current owner."""
    c = dq.closes(team_id, ["won", "lost"], start, end)
    days = dq.days_between(session, c.c.closed_at, col(Deal.created_at))
    q = (
        select(
            Deal.owner_id,
            c.c.kind,
            Deal.currency,
            func.count(),
            func.count(Deal.value_minor),
            func.sum(Deal.value_minor),
            func.sum(days),
        )
        .select_from(Deal)
        .join(c, c.c.deal_id == Deal.id)
        .where(*where)
        .group_by(col(Deal.owner_id), c.c.kind, col(Deal.currency))
    )
    return [
        (o, k, cur, n, nv, None if v is None else int(v), float(dd or 0))
        for o, k, cur, n, nv, v, dd in session.execute(q)
    ]


def lost_from_stage(
    *, session: Session, team_id: str, where: dq.Where, start: datetime, end: datetime
) -> dict[str, int]:
    """Stage name -> deals lost from it in the period (and not reopened since)."""
    c = dq.closes(team_id, ["lost"], start, end)
    stage = current_name(col(Activity.from_stage_id), col(Activity.from_value))  # renamed too
    q = (
        select(stage, func.count(func.distinct(Activity.deal_id)))
        .select_from(c)
        .join(Deal, col(Deal.id) == c.c.deal_id)
        .join(
            Activity,
            (col(Activity.deal_id) == c.c.deal_id)
            & (col(Activity.at) == c.c.closed_at)
            & (col(Activity.kind) == "lost"),
        )
        .where(*where, stage.is_not(None))
        .group_by(stage)
    )
    return {s: n for s, n in session.execute(q)}


def open_at(*, session: Session, team_id: str, where: dq.Where, end: datetime) -> int:
    """Deals open at `end`: created before it, and not won or lost by then (or reopened)."""
    last_close = (
        select(Activity.kind)
        .where(
            col(Activity.deal_id) == Deal.id,
            col(Activity.team_id) == team_id,
            col(Activity.kind).in_(dq.CLOSES),
            col(Activity.at) < end,
        )
        .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        .limit(1)
        .correlate(Deal)
        .scalar_subquery()
    )
    q = (
        select(func.count())
        .select_from(Deal)
        .where(
            *where,
            col(Deal.created_at) < dq.at(end),
            or_(last_close.is_(None), last_close == "reopened"),
        )
    )
    return int(session.execute(q).scalar_one())
