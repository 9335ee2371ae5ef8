"""The digest's attention lists: the deals that slipped, went quiet (stale) or are overdue,
each counted whole and its first entries listed (a LIMIT); all filter by team_id, the
period is [start, end). And the settings the digest's queries run under."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text, union_all
from sqlmodel import Session, col

from storage.digest_queries import Where, at, events, open_stage_ids
from storage.models import Activity, Deal


def _counted(
    session: Session,
    ids: Select,
    keys: Sequence[ColumnElement],
    order: Callable[..., list[ColumnElement]],
    limit: int,
) -> tuple[int, list]:
    """How many deals `ids` selects, and the first `limit` of them as (deal,) tuples, in the
    `order` (a function of the columns of `keys`, Deal's sort keys) gives.

    One query: the count (a window) and the order run over narrow rows (the ids and the
    keys), and only the listed deals are read whole. PostgreSQL counts in a subquery over
    the rows unsorted and then picks the first `limit` (a top-N sort): with the window in
    the ORDER BY's SELECT it sorted every row (51k quiet deals at 100k, when the quiet deals
    were counted here: 52 -> 36 ms; they now come from an index, `stale`). SQLite
    sorts the rows for a window either way; a second pass over them cost it 8 ms more."""
    total = func.count().over().label("total")
    if session.get_bind().dialect.name == "postgresql":
        named = [k.label(f"key{i}") for i, k in enumerate(keys)]
        rows = ids.add_columns(*named, total).subquery()
        picked = order(*(rows.c[k.name] for k in named))
        first = select(rows.c.id, rows.c.total).order_by(*picked)
    else:
        first = ids.add_columns(total).order_by(*order(*keys))
    first = first.limit(limit).subquery()
    q = (
        select(Deal, first.c.total)
        .join(first, first.c.id == Deal.id)
        .order_by(*order(*keys))
    )
    rows = session.execute(q).all()
    return (rows[0][-1] if rows else 0), [tuple(r[:-1]) for r in rows]


def _count_then_first(
    session: Session, ids: Select, order: Sequence[ColumnElement], limit: int
) -> tuple[int, list]:
    """_counted in two queries, for ids that an index gives in `order`: the count reads that
    index alone, and the first `limit` are its first entries (no sort); a window count would
    make the database keep and sort every row."""
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    if not total:
        return 0, []
    keys = ids.order_by(*order).limit(limit).subquery()
    q = select(Deal).join(keys, keys.c.id == Deal.id).order_by(*order)
    return total, [tuple(r) for r in session.execute(q).all()]


@contextmanager
def digest_settings(session: Session) -> Iterator[None]:
    """The settings a digest's queries run under, for the digest only.

    PostgreSQL: no JIT compilation (the digest's aggregates cost enough for the planner to
    JIT-compile them, and compiling took longer than the queries: ~150 ms of a 100k-deal
    digest), and work_mem 32MB (with the default 4MB, when it was set, the sorts of the
    time in stage spilled to disk); SET LOCAL ends with the transaction, so the session's
    other work keeps the server's settings. SQLite keeps its own: a page cache of 8 MB
    instead of its 2 MB served the per-move lookups of the time in stage, and since the
    moves keep their days (storage/days_in_stage.py) it made no difference (100k deals:
    671 to 731 ms against 673 to 718) but to the peak RSS (90 MB against 83)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '32MB'"))
    yield


def _ids() -> Select:
    return select(col(Deal.id).label("id"))


def _biggest(value: ColumnElement, number: ColumnElement) -> list[ColumnElement]:
    """The biggest value first (no value last), then by number."""
    return [value.desc().nulls_last(), number]


def slipped(
    *,
    session: Session,
    team_id: str,
    where: Where,
    start: datetime,
    end: datetime,
    today: date,
    since_day: date,
    limit: int,
) -> tuple[int, list[tuple[Deal]]]:
    """Deals whose close date was pushed later in the period, or passed in it while open."""
    pushed = select(Activity.deal_id).where(
        *events(team_id, ["close"], start, end),
        col(Activity.from_value).is_not(None),
        col(Activity.to_value) > col(Activity.from_value),  # ISO dates compare as text
    )
    lapsed = select(Deal.id).where(  # a short range of ix_deal_team_close
        col(Deal.team_id) == team_id,
        col(Deal.stage_id).in_(open_stage_ids(team_id)),
        col(Deal.close_date) >= since_day,
        col(Deal.close_date) < today,
    )
    ids = _ids().where(*where, col(Deal.id).in_(pushed.union(lapsed)))
    keys = [col(Deal.value_minor), col(Deal.number)]
    return _counted(session, ids, keys, _biggest, limit)


def quiet_since() -> ColumnElement:
    """The time a deal has been quiet since: its newest activity, or its creation without any
    (the expression of ix_deal_team_quiet: deal_tables.QUIET_SINCE)."""
    return func.coalesce(col(Deal.last_activity_at), col(Deal.created_at))


def stale(
    *,
    session: Session,
    where: Where,
    cutoffs: dict[int, datetime],
    today: date,
    limit: int,
    deal_ids: Sequence[int] | None = None,
) -> tuple[int, list[tuple[Deal, datetime]]]:
    """Deals in the cutoffs' stages, not snoozed past `today`, whose newest activity (or
    creation, without any) is at or before their stage's cutoff; quietest first.

    The newest activity is deal.last_activity_at (kept by triggers, storage/last_activity.py),
    and ix_deal_team_quiet holds each stage's deals by it: the count is a range of the index
    per stage (the stages sharing a cutoff in one IN), and the first `limit` the first
    entries of each stage's range, merged; only the listed deals are read whole. At 100k
    deals (51k quiet) that took the quiet deals from a read of every open deal and a sort
    (~80 ms on SQLite, ~70 on PostgreSQL) to ~12 and ~15 ms."""
    if not cutoffs or deal_ids == []:
        return 0, []
    since, snoozed = quiet_since(), col(Deal.snoozed_until)
    kept = [
        *where,
        *([] if deal_ids is None else [col(Deal.id).in_(deal_ids)]),
        or_(snoozed.is_(None), snoozed <= today),  # a snooze ending today is over
    ]
    by_cutoff: dict[datetime, list[int]] = {}
    for stage_id, cutoff in sorted(cutoffs.items()):
        by_cutoff.setdefault(cutoff, []).append(stage_id)
    quiet = or_(
        *(and_(col(Deal.stage_id).in_(ids), since <= at(c)) for c, ids in by_cutoff.items())
    )
    total = session.scalar(select(func.count()).select_from(Deal).where(*kept, quiet)) or 0
    if not total:
        return 0, []
    order = (since, col(Deal.number))
    firsts = [  # each stage's quietest, in its index range's order
        select(
            select(Deal.id, since.label("since"), Deal.number)
            .where(*kept, col(Deal.stage_id) == stage_id, since <= at(cutoff))
            .order_by(*order)
            .limit(limit)
            .subquery()
        )
        for stage_id, cutoff in sorted(cutoffs.items())
    ]
    merged = union_all(*firsts).subquery()
    keys = (
        select(merged.c.id)
        .order_by(merged.c.since, merged.c.number)
        .limit(limit)
        .subquery()
    )
    q = select(Deal, since).join(keys, keys.c.id == Deal.id).order_by(*order)
    return total, [tuple(r) for r in session.execute(q).all()]


def overdue(
    *, session: Session, team_id: str, where: Where, today: date, limit: int
) -> tuple[int, list[tuple[Deal]]]:
    """Open deals whose expected close date has passed, the longest overdue first: a range of
    ix_deal_team_close (close date, number, stage, archived), counted and its first entries
    listed, the deal rows not read but the listed ones."""
    ids = _ids().where(
        *where, col(Deal.stage_id).in_(open_stage_ids(team_id)), col(Deal.close_date) < today
    )
    return _count_then_first(session, ids, [col(Deal.close_date), col(Deal.number)], limit)
