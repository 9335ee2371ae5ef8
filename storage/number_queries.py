"""Deal numbers: one counter row per workspace (`dealcounter`, migration 0018), taken by
an upsert, so numbering a deal locks nothing else of the workspace."""

from sqlalchemy import Integer, bindparam, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from storage.db import autocommit
from storage.models import DealCounter


def next_number(*, session: Session, team_id: str) -> int:
    """The next deal number of the workspace; concurrent callers get distinct numbers.

    On PostgreSQL the upsert commits as it runs (autocommit, one round trip) on a
    connection of its own, so the row is locked for that one statement, not while the deal
    is written (a transaction that then fails leaves its number unused: a gap, as a
    sequence would). That commit does not wait for
    the disk (synchronous_commit off, for that transaction only): the deal's own commit,
    which does, comes after it in the log and makes both durable; a crash before it loses
    at most a number no deal holds. SQLite runs one writer at a time: there it is part
    of the unit of work."""
    if session.get_bind().dialect.name != "postgresql":
        return session.execute(_TAKE["sqlite"], {"team": team_id, "count": 1}).scalar_one()
    with autocommit(session.get_bind()).connect() as conn:  # one round trip, committed
        return conn.execute(_TAKE_ALONE, {"team": team_id, "count": 1}).first()[0]


def reserve(*, session: Session, team_id: str, count: int) -> int:
    """Reserve `count` numbers in the unit of work (the counter row stays locked until it
    ends: an import's batch); the first of them."""
    stmt = _TAKE[session.get_bind().dialect.name]
    return session.execute(stmt, {"team": team_id, "count": count}).scalar_one() - count + 1


def last_number(*, session: Session, team_id: str) -> int:
    """The last deal number handed out in the workspace (0 before the first)."""
    q = select(DealCounter.last_number).where(DealCounter.team_id == team_id)
    return session.exec(q).first() or 0


def _taking(dialect, *also) -> object:
    table = DealCounter.__table__
    count = bindparam("count", type_=Integer)
    stmt = dialect.insert(table).values(team_id=bindparam("team"), last_number=count)
    return stmt.on_conflict_do_update(
        index_elements=[table.c.team_id], set_={"last_number": table.c.last_number + count}
    ).returning(table.c.last_number, *also)


# Built once, as storage/queries.py's hot statements are: every `/deal new` runs one.
_TAKE = {"postgresql": _taking(postgresql), "sqlite": _taking(sqlite)}
_TAKE_ALONE = _taking(postgresql, func.set_config("synchronous_commit", "off", True))
