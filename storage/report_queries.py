"""Queries behind reports over any period: all filter by team_id; the period is [start, end)."""

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from storage import digest_queries as dq
from storage.models import Activity, Deal
from storage.next_close import CLOSES
from storage.stage_queries import current_name


def lost_from_stage(
    *, session: Session, team_id: str, where: dq.Where, start: datetime, end: datetime
) -> dict[str, int]:
    """Stage name -> deals lost from it in the period (and not reopened since)."""
    c = dq.closes(session, team_id, ["lost"], start, end)
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
            col(Activity.kind).in_(CLOSES),
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
