"""Queries behind the digest's rolling-window metrics: all filter by team_id, lists have a LIMIT."""

from datetime import datetime

from sqlalchemy import case, func, literal, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage import digest_queries as dq
from storage.models import Activity, Deal, Stage
from storage.stage_queries import current_name

SQL_VERDICT = "SQL%"  # the "qualified" activity's to_value starts with SQL or MQL


def stage_days(
    *, session: Session, team_id: str, start: datetime, end: datetime
) -> dict[str, tuple[float, int]]:
    """Stage name -> (average days deals spent in it, deals) over the period's moves out.

    A deal's time in a stage runs from the activity that put it there (created, moved or
    reopened into it) to the one that took it out (moved, won or lost) in the period.
    """
    entry = aliased(Activity)
    entered = (
        select(func.max(entry.at))
        .where(
            entry.deal_id == Activity.deal_id,
            entry.kind.in_(dq.ENTRIES),
            entry.at <= Activity.at,
            entry.id < Activity.id,
        )
        .scalar_subquery()
    )
    spent = (
        select(
            current_name(col(Activity.from_stage_id), col(Activity.from_value)).label("stage"),
            dq.days_between(session, col(Activity.at), entered).label("days"),
        )
        .where(
            *dq.events(team_id, ["moved", "won", "lost"], start, end),
            col(Activity.from_value).is_not(None),
        )
        .cte("spent")
        .prefix_with("MATERIALIZED")  # else SQLite runs the subquery once per use of `days`
    )
    q = select(spent.c.stage, func.avg(spent.c.days), func.count(spent.c.days)).group_by(
        spent.c.stage
    )
    return {s: (float(d), n) for s, d, n in session.execute(q) if n}


def longest_in_stage(*, session: Session, where: dq.Where, stage_id: int, limit: int) -> list[Deal]:
    """The deals that have sat longest in the stage, the longest first."""
    q = (
        select(Deal)
        .where(*where, col(Deal.stage_id) == stage_id)
        .order_by(col(Deal.stage_changed_at), col(Deal.number))
        .limit(limit)
    )
    return list(session.scalars(q))


def furthest(
    *,
    session: Session,
    team_id: str,
    where: dq.Where,
    won_position: int,
    start: datetime,
    end: datetime,
) -> list[tuple[int | None, int, int]]:
    """(furthest position, SQL verdict 0/1, deals) of the deals created in the period.

    A win counts as `won_position`, past every open stage; a deal that skipped a stage passed it.
    """
    # A deal created in the period has all its activities in it: one range of the kind index,
    # read first (materialized) so that the planner does not walk each deal's notes instead.
    acts = (
        select(Activity.deal_id, Activity.kind, Activity.to_value, Activity.to_stage_id)
        .where(*dq.events(team_id, [*dq.ENTRIES, "won", "qualified"], start, end))
        .cte("acts")
        .prefix_with("MATERIALIZED")
    )
    reached = aliased(Stage)
    position = case((reached.kind == "won", literal(won_position)), else_=reached.position)
    sql = case(
        (acts.c.kind == "qualified", case((acts.c.to_value.like(SQL_VERDICT), 1), else_=0)), else_=0
    )
    created = func.max(case((acts.c.kind == "created", 1), else_=0))
    per_deal = (
        select(acts.c.deal_id, func.max(position).label("furthest"), func.max(sql).label("sql"))
        .join(Deal, col(Deal.id) == acts.c.deal_id)
        .outerjoin(
            reached,
            (reached.team_id == team_id)
            & or_(
                reached.id == acts.c.to_stage_id,  # by id; an older entry by its recorded name
                acts.c.to_stage_id.is_(None) & (reached.name == acts.c.to_value),
            )
            & (reached.kind != "lost")
            & (acts.c.kind != "qualified"),
        )
        .where(*where)
        .group_by(acts.c.deal_id)
        .having(created == 1)
        .subquery()
    )
    q = select(per_deal.c.furthest, per_deal.c.sql, func.count()).group_by(
        per_deal.c.furthest, per_deal.c.sql
    )
    return [(f, int(s or 0), n) for f, s, n in session.execute(q)]
