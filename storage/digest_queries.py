"""Aggregates for the digest: all filter by team_id, lists have a LIMIT, the period is
[start, end)."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import Session, col

from storage.models import Activity, Deal, Stage
from storage.stage_queries import current_name, position_of
from storage.types import UTCDateTime

Where = Sequence[ColumnElement[bool]]
CLOSES = ("won", "lost", "reopened")  # the activities that open or close a deal
ENTRIES = ("created", "moved", "reopened")  # the activities that put a deal in an open stage


def scope(
    team_id: str,
    *,
    owner: str | None = None,
    stage_id: int | None = None,
    min_value: dict[str, int] | None = None,
    max_value: dict[str, int] | None = None,
    owners: Sequence[str] | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions on Deal that select the team's deals a digest counts.

    `min_value` (`max_value`) is the least (most) value per currency in minor units; a deal
    in a currency it does not name is left out, so amounts of different currencies are
    never compared. `owners` (a sales team's people) keeps their deals only."""
    given = [(owner, col(Deal.owner_id) == owner), (stage_id, col(Deal.stage_id) == stage_id)]
    live = col(Deal.archived_at).is_(None)  # an archived deal counts nowhere
    out = [col(Deal.team_id) == team_id, live, *(c for v, c in given if v is not None)]
    if owners is not None:
        out.append(col(Deal.owner_id).in_(sorted(owners)) if owners else false())
    if min_value is not None:
        each = [
            and_(col(Deal.currency) == cur, col(Deal.value_minor) >= least)
            for cur, least in sorted(min_value.items())
        ]
        out.append(or_(*each) if each else false())
    if max_value is not None:
        each = [
            and_(col(Deal.currency) == cur, col(Deal.value_minor) <= most)
            for cur, most in sorted(max_value.items())
        ]
        out.append(or_(*each) if each else false())
    return out


def currencies(*, session: Session, team_id: str) -> list[str]:
    """The currencies the team's live deals with a value are in."""
    q = (
        select(Deal.currency)
        .where(
            col(Deal.team_id) == team_id,
            col(Deal.archived_at).is_(None),
            col(Deal.value_minor).is_not(None),
        )
        .distinct()
        .order_by(col(Deal.currency))
    )
    return list(session.scalars(q))


def at(when: datetime) -> ColumnElement:
    """A timestamp parameter stored the way the columns store it (naive UTC text on SQLite)."""
    return literal(when, UTCDateTime())


def days_between(session: Session, later: ColumnElement, earlier: ColumnElement) -> ColumnElement:
    """Days (fractional) from earlier to later, in SQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return func.extract("epoch", later - earlier) / 86400.0


def summed_days(
    session: Session, later: ColumnElement | datetime, earlier: ColumnElement
) -> ColumnElement:
    """The sum over a group of the days (fractional) from earlier to later (a column, or a
    time given), in SQL. PostgreSQL sums the intervals (exact, in microseconds) and turns the
    sum into days once per group, not each row's interval. SQLite sums each row's difference
    of julian days; a time given is turned into its julian day once (a scalar subquery, the
    same value), not once per row."""
    if session.get_bind().dialect.name == "sqlite":
        if isinstance(later, datetime):
            return func.sum(
                select(func.julianday(at(later))).scalar_subquery() - func.julianday(earlier)
            )
        return func.sum(days_between(session, later, earlier))
    later = at(later) if isinstance(later, datetime) else later
    return func.extract("epoch", func.sum(later - earlier)) / 86400.0


def open_stage_ids(team_id: str) -> Select:
    """The ids of the team's open stages: `Deal.stage_id IN` these, not a join to stage, so
    that a scan of a deal index checks the stage from the index entry."""
    return select(Stage.id).where(col(Stage.team_id) == team_id, Stage.kind == "open")


def events(team_id: str, kinds: Sequence[str], start: datetime, end: datetime):
    """Activities of these kinds in the period (a range of ix_activity_team_kind_at)."""
    return (
        col(Activity.team_id) == team_id,
        col(Activity.kind).in_(kinds),
        col(Activity.at) >= start,
        col(Activity.at) < end,
    )


def new_leads(
    *, session: Session, team_id: str, where: Where, start: datetime, end: datetime
) -> list[tuple[str | None, int]]:
    """(source, deals created in the period), most first."""
    q = (
        select(Deal.source, func.count())
        .select_from(Activity)
        .join(Deal, col(Deal.id) == Activity.deal_id)
        .where(*events(team_id, ["created"], start, end), *where)
        .group_by(col(Deal.source))
        .order_by(func.count().desc(), col(Deal.source).asc().nulls_last())  # same on both
    )
    return [(s, n) for s, n in session.execute(q)]


def _forward(team_id: str) -> ColumnElement[bool]:
    """A move to a later stage than the one it left (by stage id, else by recorded name)."""
    to = position_of(team_id, col(Activity.to_stage_id), col(Activity.to_value))
    return to > position_of(team_id, col(Activity.from_stage_id), col(Activity.from_value))


def moves(
    *, session: Session, team_id: str, where: Where, start: datetime, end: datetime
) -> tuple[int, int]:
    """(moves, forward moves) in the period."""
    q = (
        select(func.count(), func.count(case((_forward(team_id), 1))))
        .select_from(Activity)
        .join(Deal, col(Deal.id) == Activity.deal_id)
        .where(*events(team_id, ["moved"], start, end), *where)
    )
    return tuple(session.execute(q).one())


def forward_moves(
    *, session: Session, team_id: str, where: Where, start: datetime, end: datetime, limit: int
) -> list[tuple[Deal, str, str]]:
    """The biggest deals moved forward in the period: (deal, from name, to name)."""
    q = (
        select(
            Deal,  # each stage by its current name (it may have been renamed since)
            current_name(col(Activity.from_stage_id), col(Activity.from_value)),
            current_name(col(Activity.to_stage_id), col(Activity.to_value)),
        )
        .select_from(Activity)
        .join(Deal, col(Deal.id) == Activity.deal_id)
        .where(
            *events(team_id, ["moved"], start, end),
            *where,
            _forward(team_id),
        )
        .order_by(col(Deal.value_minor).desc().nulls_last(), col(Activity.at).desc())
        .limit(limit)
    )
    return [(d, f, t) for d, f, t in session.execute(q)]


def closes(
    session: Session,
    team_id: str,
    kinds: Sequence[str],
    start: datetime,
    end: datetime,
    note: bool = True,
):
    """(deal id, kind, closed at, note) of deals closed in the period and not reopened since:
    each deal's newest close or reopening in the period (time, then id), kept when it is a
    close of `kinds`; one read of the period's closes. Without `note` the rows leave it out,
    and SQLite reads the closes from the index alone.

    PostgreSQL by DISTINCT ON; SQLite by a row number per deal, newest first. The anti join
    they replace (no later close or reopening) read the period's closes twice on
    PostgreSQL, the second time by a scan of the table, and on SQLite its seek per close
    took ~60 of 115 ms of the window's closes at 100k deals."""
    cols = (
        Activity.deal_id,
        Activity.kind,
        Activity.at.label("closed_at"),
        *([Activity.note] if note else []),
    )
    if session.get_bind().dialect.name == "postgresql":
        newest = (
            select(*cols)
            .where(*events(team_id, CLOSES, start, end))
            .ext(distinct_on(col(Activity.deal_id)))
            .order_by(col(Activity.deal_id), col(Activity.at).desc(), col(Activity.id).desc())
            .subquery()
        )
        # Said as the kinds left out: the planner guesses a few rows for an IN on DISTINCT's
        # output (and probes deal once per close), most for a NOT IN (and hashes them).
        others = [k for k in CLOSES if k not in kinds]
        return select(newest).where(newest.c.kind.not_in(others)).subquery()
    newest = func.row_number().over(
        partition_by=col(Activity.deal_id),
        order_by=(col(Activity.at).desc(), col(Activity.id).desc()),
    )
    ranked = (
        select(*cols, newest.label("newest"))
        .where(*events(team_id, CLOSES, start, end))
        .subquery()
    )
    kept = [c for c in ranked.c if c.name != "newest"]
    return select(*kept).where(ranked.c.newest == 1, ranked.c.kind.in_(kinds)).subquery()


def closed_totals(
    *, session: Session, team_id: str, where: Where, start: datetime, end: datetime
) -> list[tuple[str, str, int, int, int | None, float]]:
    """(won or lost, currency, deals, deals with a value, summed value, summed days from
    creation to close) of the deals closed in the period: one pass over its closes."""
    c = closes(session, team_id, ["won", "lost"], start, end, note=False)
    days = summed_days(session, c.c.closed_at, col(Deal.created_at))
    q = (
        select(
            c.c.kind,
            Deal.currency,
            func.count(),
            func.count(Deal.value_minor),
            func.sum(Deal.value_minor),
            days,
        )
        .select_from(Deal)
        .join(c, c.c.deal_id == Deal.id)
        .where(*where)
        .group_by(c.c.kind, col(Deal.currency))
    )
    return [
        (k, cur, n, nv, None if v is None else int(v), float(dd or 0))
        for k, cur, n, nv, v, dd in session.execute(q)
    ]


def loss_reasons(
    *, session: Session, team_id: str, where: Where, start: datetime, end: datetime, limit: int
) -> list[tuple[str | None, int]]:
    """(reason, deals lost for it) in the period, most first."""
    c = closes(session, team_id, ["lost"], start, end)
    q = (
        select(c.c.note, func.count())
        .join(Deal, c.c.deal_id == Deal.id)
        .where(*where)
        .group_by(c.c.note)
        .order_by(func.count().desc(), c.c.note)
        .limit(limit)
    )
    return [(r, n) for r, n in session.execute(q)]


def closed_deals(
    *,
    session: Session,
    team_id: str,
    where: Where,
    kind: str,
    start: datetime,
    end: datetime,
    limit: int,
) -> list[tuple[Deal, str | None]]:
    """The biggest deals closed `kind` in the period, with the note (the loss reason)."""
    c = closes(session, team_id, [kind], start, end)
    q = (
        select(Deal, c.c.note)
        .join(c, c.c.deal_id == Deal.id)
        .where(*where)
        .order_by(col(Deal.value_minor).desc().nulls_last(), col(Deal.number))
        .limit(limit)
    )
    return [(d, n) for d, n in session.execute(q)]


def _counted(
    session: Session,
    ids: Select,
    keys: Sequence[ColumnElement],
    order: Callable[..., list[ColumnElement]],
    limit: int,
    *extra,
) -> tuple[int, list]:
    """How many deals `ids` selects, and the first `limit` of them as (deal, *extra), in the
    `order` (a function of the columns of `keys`, Deal's sort keys) gives.

    One query: the count (a window) and the order run over narrow rows (the ids and the
    keys), and only the listed deals are read whole. PostgreSQL counts in a subquery over
    the rows unsorted and then picks the first `limit` (a top-N sort): with the window in
    the ORDER BY's SELECT it sorted every row (51k quiet deals at 100k: 52 -> 36 ms). SQLite
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
        select(Deal, *extra, first.c.total)
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


SQLITE_CACHE_KIB = 8192  # SQLite's page cache while a digest is built (the default: 2 MB)


@contextmanager
def digest_settings(session: Session) -> Iterator[None]:
    """The settings a digest's queries run under, for the digest only.

    PostgreSQL: no JIT compilation (the digest's aggregates cost enough for the planner to
    JIT-compile them, and compiling took longer than the queries: ~150 ms of a 100k-deal
    digest), and work_mem 32MB (with the default 4MB the stage durations' sorts spilled to
    disk); SET LOCAL ends with the transaction, so the session's other work keeps the
    server's settings. SQLite: a page cache of SQLITE_CACHE_KIB, the connection's own size
    restored after: with 2 MB the per-move lookups into ix_activity_deal_at (45k at 100k
    deals) read most index pages from the OS again (digest 431 -> 400 ms of CPU, peak RSS
    +8 MB)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '32MB'"))
    if dialect != "sqlite":
        yield
        return
    before = session.scalar(text("PRAGMA cache_size"))
    session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(before)}"))


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
    """The time a deal has been quiet since: its newest activity, or its creation without any."""
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

    The newest activity is deal.last_activity_at (kept by triggers, storage/last_activity.py):
    the open stages' deals read once (ix_deal_team_stage), no read of the history."""
    if not cutoffs or deal_ids == []:
        return 0, []
    cutoff = case({sid: at(c) for sid, c in cutoffs.items()}, value=col(Deal.stage_id))
    snoozed = col(Deal.snoozed_until)
    only = [] if deal_ids is None else [col(Deal.id).in_(deal_ids)]
    ids = _ids().where(
        *where,
        *only,
        col(Deal.stage_id).in_(list(cutoffs)),
        quiet_since() <= cutoff,
        or_(snoozed.is_(None), snoozed <= today),  # a snooze ending today is over
    )
    keys = [quiet_since(), col(Deal.number)]
    return _counted(session, ids, keys, lambda *k: list(k), limit, quiet_since())


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
