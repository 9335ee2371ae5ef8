"""Queries behind the digest's rolling-window metrics: all filter by team_id, lists have a LIMIT."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, null, or_, select, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage import digest_queries as dq
from storage.models import Activity, Deal, Stage
from storage.stage_queries import current_name

SQL_VERDICT = "SQL%"  # the "qualified" activity's to_value starts with SQL or MQL


OUTS = ("moved", "won", "lost")  # the activities that take a deal out of a stage


def _history(team_id: str, start: datetime, end: datetime, lateral: bool):
    """The period's moves out (kind, time, stage left) with `entered`, the time of the newest
    entry before each, looked up in its deal's rows in time order (ix_activity_deal_at:
    deal, time, kind), the newest first: one seek, reading back over the notes of the stage
    left only. The moves come from a range of ix_activity_team_kind_at.

    PostgreSQL looks up in a LATERAL join, SQLite (which has none) in a scalar subquery
    (its caller materializes the rows, so that each entry is found once). A window over the
    movers' history (a running max of entry times) reads and sorts all of it: on SQLite 20
    times slower with 200 notes a deal; on PostgreSQL at 100k deals 185 ms against the
    lookups' 110 ms (91k rows sorted, against 45k seeks)."""
    entry = aliased(Activity)
    earlier = or_(entry.at < Activity.at, and_(entry.at == Activity.at, entry.id < Activity.id))
    newest = (
        select(entry.at)
        .where(entry.deal_id == Activity.deal_id, entry.kind.in_(dq.ENTRIES),
               entry.at <= Activity.at, earlier)
        .order_by(entry.at.desc())
        .limit(1)
    )
    moves = (Activity.kind, Activity.at, Activity.from_stage_id, _from_name())
    period = dq.events(team_id, OUTS, start, end)
    if not lateral:
        return select(*moves, newest.scalar_subquery().label("entered")).where(*period)
    found = newest.lateral("entry")
    return (
        select(*moves, found.c.at.label("entered"))
        .select_from(Activity)
        .outerjoin(found, true())
        .where(*period)
    )


def _from_name() -> ColumnElement:
    """The name of the stage left, kept only where the move has no stage id (older history):
    a stage id names the stage (by its current name), so the row's own text is not read."""
    return case((col(Activity.from_stage_id).is_(None), col(Activity.from_value))).label(
        "from_name"
    )


def stage_days(
    *, session: Session, team_id: str, start: datetime, end: datetime
) -> dict[str, tuple[float, int]]:
    """Stage name -> (average days deals spent in it, deals) over the period's moves out.

    A deal's time in a stage runs from the activity that put it there (created, moved or
    reopened into it: the newest such before the move out, in time order, whatever order
    the rows were written in) to the one that took it out (moved, won or lost) in the period.
    A move out counts when it names the stage it left (by id, or by name in older history).
    """
    if session.get_bind().dialect.name == "sqlite":
        history = _history(team_id, start, end, lateral=False)
        rows = history.cte("history").prefix_with("MATERIALIZED")  # each entry found once
    else:
        rows = _history(team_id, start, end, lateral=True).subquery("history")
    days = dq.summed_days(session, rows.c.at, rows.c.entered)
    # Summed per recorded stage first (a few groups), then named: the stage's current name
    # is looked up once per group, not once per move.
    named = or_(rows.c.from_stage_id.is_not(None), rows.c.from_name.is_not(None))
    per_stage = (
        select(rows.c.from_stage_id, rows.c.from_name, days.label("total"),
               func.count(rows.c.entered).label("moves"))
        .where(named)
        .group_by(rows.c.from_stage_id, rows.c.from_name)
        .subquery()
    )
    stage = current_name(per_stage.c.from_stage_id, per_stage.c.from_name)
    q = select(stage, func.sum(per_stage.c.total), func.sum(per_stage.c.moves)).group_by(stage)
    return {s: (float(d) / int(n), int(n)) for s, d, n in session.execute(q) if n}


def longest_in_stage(*, session: Session, where: dq.Where, stage_id: int, limit: int) -> list[Deal]:
    """The deals that have sat longest in the stage, the longest first."""
    q = (
        select(Deal)
        .where(*where, col(Deal.stage_id) == stage_id)
        .order_by(col(Deal.stage_changed_at), col(Deal.number))
        .limit(limit)
    )
    return list(session.scalars(q))


def _positions(stages: Sequence[Stage], won_position: int):
    """(stage id -> position, recorded name -> position) of the stages a deal can reach:
    a win counts as `won_position`; a lost stage reaches nothing."""
    def position(s: Stage) -> int:
        return won_position if s.kind == "won" else s.position

    reachable = [s for s in stages if s.kind != "lost"]
    by_name: dict[str, int] = {}
    for s in reachable:  # a name used twice: its furthest stage
        by_name[s.name] = max(by_name.get(s.name, position(s)), position(s))
    return {s.id: position(s) for s in reachable}, by_name


def _lookup(mapping: dict, value) -> ColumnElement:
    """mapping[value] in SQL (NULL when absent): a CASE over the workspace's few stages."""
    return case(mapping, value=value) if mapping else null()


def furthest(
    *,
    session: Session,
    team_id: str,
    where: dq.Where,
    stages: Sequence[Stage],
    won_position: int,
    start: datetime,
    end: datetime,
) -> list[tuple[int | None, int, int]]:
    """(furthest position, SQL verdict 0/1, deals) of the deals created in the period.

    `stages` are all the workspace's stages. A win counts as `won_position`, past every
    open stage; a deal that skipped a stage passed it. A deal created in the period has all
    its activities in it: one range of the kind index, narrowed to integers (the stage's
    position by a CASE, no join), aggregated per deal and the deals filtered.
    """
    by_id, by_name = _positions(stages, won_position)
    kind, to_id, to_value = col(Activity.kind), col(Activity.to_stage_id), col(Activity.to_value)
    position = case(
        (kind == "qualified", null()),
        (to_id.is_not(None), _lookup(by_id, to_id)),  # by id; an older entry by its name
        else_=_lookup(by_name, to_value),
    )
    sql = case((and_(kind == "qualified", to_value.like(SQL_VERDICT)), 1), else_=0)
    # Read first (materialized) so that the planner does not walk each deal's notes instead;
    # the rows narrowed to three integers, so PostgreSQL's per-deal hash fits in work_mem.
    acts = (
        select(Activity.deal_id, position.label("position"), sql.label("sql"),
               case((kind == "created", 1), else_=0).label("created"))
        .where(*dq.events(team_id, [*dq.ENTRIES, "won", "qualified"], start, end))
        .cte("acts")
        .prefix_with("MATERIALIZED")
    )
    furthest_sql = (func.max(acts.c.position).label("furthest"), func.max(acts.c.sql).label("sql"))
    created = func.max(acts.c.created) == 1
    if session.get_bind().dialect.name == "sqlite":  # grouped, then each deal looked up
        per_deal = (
            select(acts.c.deal_id, *furthest_sql)
            .group_by(acts.c.deal_id)
            .having(created)
            .subquery()
        )
        q = select(per_deal.c.furthest, per_deal.c.sql, func.count()).join(
            Deal, col(Deal.id) == per_deal.c.deal_id
        ).where(*where)
    else:  # PostgreSQL: the deals joined first (a hash join, not 25k index probes), grouped
        per_deal = (
            select(*furthest_sql)
            .select_from(acts)
            .join(Deal, col(Deal.id) == acts.c.deal_id)
            .where(*where)
            .group_by(acts.c.deal_id)
            .having(created)
            .subquery()
        )
        q = select(per_deal.c.furthest, per_deal.c.sql, func.count())
    q = q.group_by(per_deal.c.furthest, per_deal.c.sql)
    return [(f, int(s or 0), n) for f, s, n in session.execute(q)]
