"""Queries behind the digest's rolling-window metrics: all filter by team_id, lists have a LIMIT."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, null, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage import digest_queries as dq
from storage.days_in_stage import ENTRIES, OUTS
from storage.models import Activity, Deal, Stage
from storage.stage_queries import current_name

SQL_VERDICT = "SQL%"  # the "qualified" activity's to_value starts with SQL or MQL


def stage_days(
    *, session: Session, team_id: str, start: datetime, end: datetime
) -> dict[str, tuple[float, int]]:
    """Stage name -> (average days deals spent in it, deals) over the period's moves out.

    A deal's time in a stage runs from the activity that put it there (created, moved or
    reopened into it: the newest such before the move out, in time order, whatever order
    the rows were written in) to the one that took it out (moved, won or lost) in the
    period: activity.days_in_stage, kept by storage/days_in_stage.py and read from the index
    of the period's moves. A move out counts when it names the stage it left (by id, or by
    name in older history) and something had put the deal there.
    """
    days, stage_id, name = (
        col(Activity.days_in_stage), col(Activity.from_stage_id), col(Activity.from_value)
    )
    # Summed per recorded stage first (a few groups), then named: the stage's current name
    # is looked up once per group, not once per move. Moves with a stage id are summed from
    # the index alone; only older ones (no stage id) read their row, for the name they keep
    # (from_value; a stage id names the stage by its current name, not by the row's text).
    period = dq.events(team_id, OUTS, start, end)
    total = (func.sum(days).label("total"), func.count(days).label("moves"))
    per_stage = union_all(
        select(stage_id, null().label("from_name"), *total)
        .where(*period, stage_id.is_not(None)).group_by(stage_id),
        select(null(), name.label("from_name"), *total)
        .where(*period, stage_id.is_(None), name.is_not(None))
        .group_by(name),
    ).subquery()
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
    its activities in it: the period's entries, wins and qualifications of the deals whose
    creation is in the period (those ids from the kind index alone), narrowed to integers
    (the stage's position by a CASE, no join) and aggregated per deal. Reading only the
    created deals' rows, not every deal's in the period and then dropping those created
    before it, took the statement at 100k deals from 106 to 85 ms on SQLite and from 170 to
    118 ms on PostgreSQL (medians of 15 runs, old and new alternating): SQLite walks each
    created deal's rows in ix_activity_deal_at, in deal order, so its grouping needs no sort.
    """
    by_id, by_name = _positions(stages, won_position)
    kind, to_id, to_value = col(Activity.kind), col(Activity.to_stage_id), col(Activity.to_value)
    position = case(
        (kind == "qualified", null()),
        (to_id.is_not(None), _lookup(by_id, to_id)),  # by id; an older entry by its name
        else_=_lookup(by_name, to_value),
    )
    sql = case((and_(kind == "qualified", to_value.like(SQL_VERDICT)), 1), else_=0)
    creation = aliased(Activity)
    created = select(creation.deal_id).where(
        *dq.events(team_id, ["created"], start, end, of=creation)
    )
    furthest_sql = (func.max(position).label("furthest"), func.max(sql).label("sql"))
    acts = (
        *dq.events(team_id, [*ENTRIES, "won", "qualified"], start, end),
        col(Activity.deal_id).in_(created),
    )
    if session.get_bind().dialect.name == "sqlite":  # grouped, then each deal looked up
        per_deal = (
            select(Activity.deal_id, *furthest_sql)
            .where(*acts)
            .group_by(col(Activity.deal_id))
            .subquery()
        )
        q = select(per_deal.c.furthest, per_deal.c.sql, func.count()).join(
            Deal, col(Deal.id) == per_deal.c.deal_id
        ).where(*where)
    else:  # PostgreSQL: the deals joined first (a hash join, not 25k index probes), grouped
        per_deal = (
            select(*furthest_sql)
            .join(Deal, col(Deal.id) == Activity.deal_id)
            .where(*acts, *where)
            .group_by(col(Activity.deal_id))
            .subquery()
        )
        q = select(per_deal.c.furthest, per_deal.c.sql, func.count())
    q = q.group_by(per_deal.c.furthest, per_deal.c.sql)
    return [(f, int(s or 0), n) for f, s, n in session.execute(q)]
