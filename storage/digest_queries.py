"""Aggregates for the digest: which deals it counts (scope), and what flowed in the
period: new leads, moves, closes. All filter by team_id, lists have a LIMIT, the period
is [start, end). The attention lists (slipped, stale, overdue) are in digest_lists.py."""

from collections.abc import Sequence
from datetime import datetime

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
)
from sqlmodel import Session, col

from storage.models import Activity, Deal, Stage
from storage.stage_queries import current_name, position_of
from storage.types import UTCDateTime

Where = Sequence[ColumnElement[bool]]


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


def events(team_id: str, kinds: Sequence[str], start: datetime, end: datetime, of=Activity):
    """Activities of these kinds in the period (a range of ix_activity_team_kind_at); `of`
    an alias of Activity for a second read of it in one statement."""
    return (
        col(of.team_id) == team_id,
        col(of.kind).in_(kinds),
        col(of.at) >= start,
        col(of.at) < end,
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
    close of `kinds`. That is a close of `kinds` in the period whose deal's next close or
    reopening (activity.next_close_at, kept by triggers: storage/next_close.py) comes at or
    after the period's end, or never: one range of ix_activity_team_kind_at, read from the
    index alone without `note` (the rows then leave it out).

    It replaced a per-deal sort of the period's closes and reopenings (the newest per deal:
    DISTINCT ON on PostgreSQL, a row number on SQLite). At 100k deals the window's closes
    per owner went from 112 to 70-74 ms on PostgreSQL and from 105-133 to 100-110 ms on
    SQLite (medians of 15, old and new in turns), where most of what is left is looking up
    each close's deal and turning two dates into days.

    On SQLite the closes come in deal order: SQLite joins by looking each deal up, and in
    that order the lookups walk the deal index forwards, each near the one before, instead
    of jumping about it (at 100k deals the closes per owner went from 136-185 to 126-140 ms,
    the statement alone, old and new in turns). PostgreSQL hashes them: no sort there."""
    after = col(Activity.next_close_at)
    q = select(
        Activity.deal_id,
        Activity.kind,
        Activity.at.label("closed_at"),
        *([Activity.note] if note else []),
    ).where(*events(team_id, kinds, start, end), or_(after.is_(None), after >= end))
    if session.get_bind().dialect.name == "sqlite":
        q = q.order_by(col(Activity.deal_id))
    return q.subquery()


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
