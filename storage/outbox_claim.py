"""Claiming the outbox's due rows: oldest first, at most each deal's first open row.

The open rows are read in id order, a page at a time, until enough are found. Whether a
row is its deal's first open row is known from the pages read before it, which hold every
open row with a smaller id, so no statement compares rows with each other: a claim reads
about one page however many rows wait. (Asked of the database, "no earlier open row of
this deal" was an anti-join over every waiting row: under a backlog of a few thousand
rows each claim cost PostgreSQL ~200 ms of CPU, issue 15.)

The rows chosen are taken by one UPDATE that checks each is still as it was read, so a
row another process took meanwhile is left to it; on PostgreSQL the rows are locked
`FOR UPDATE SKIP LOCKED`, so replicas never wait for each other. A row whose sender's
lease ran out is taken again, marked uncertain: its send may have reached Slack.
"""

from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select, text
from sqlmodel import Session

from storage.models import Outbox, Workspace

PAGE = 64  # open rows read per statement
_T = Outbox.__table__.c
# The predicate written out, not bound: the partial index ix_outbox_open serves a query
# that names its predicate as it stands. SQLite is told to use it: left to choose, it
# read every open row through ix_outbox_due and sorted them.
_PAGE_SQL = """SELECT id, deal_id, team_id, status, due_at, lease_until FROM outbox {hint}
WHERE outbox.status IN ('pending', 'sending') AND id > :after ORDER BY id LIMIT :page"""
_PAGE = {
    dialect: text(_PAGE_SQL.format(hint=hint)).columns(
        _T.id, _T.deal_id, _T.team_id, _T.status, _T.due_at, _T.lease_until
    )
    for dialect, hint in (("postgresql", ""), ("sqlite", "INDEXED BY ix_outbox_open"))
}
_PAUSED = select(Workspace.team_id).where(Workspace.paused_at.is_not(None))


def _take(locking: bool):
    ready = or_(
        and_(_T.status == "pending", _T.due_at <= bindparam("now")),
        and_(_T.status == "sending", _T.lease_until < bindparam("now")),
    )
    chosen = _T.id.in_(bindparam("ids", expanding=True))
    if locking:
        chosen = _T.id.in_(select(_T.id).where(chosen).with_for_update(skip_locked=True))
    return (
        Outbox.__table__.update()
        .where(chosen, ready)
        .values(
            status="sending",
            lease_until=bindparam("lease_end"),
            attempts=_T.attempts + 1,
            uncertain=or_(_T.uncertain, _T.status == "sending"),
        )
        .returning(*Outbox.__table__.c)
    )


# Built once: the deliverer claims whenever rows wait that it did not take at once.
_TAKE = {"postgresql": _take(True), "sqlite": _take(False)}


def claim(*, session: Session, now: datetime, limit: int, lease: timedelta) -> list:
    """Take up to `limit` due rows for sending, oldest first, at most the first open row of
    each deal (so a deal's rows go out in order), none of a paused workspace's. The rows
    come back as Core rows, read like an `Outbox`."""
    dialect = session.get_bind().dialect.name
    paused: set[str] | None = None  # read once some row is open
    earlier: set[int] = set()  # deals with an open row before the one being looked at
    chosen: list[int] = []
    after = 0
    while len(chosen) < limit:
        page = session.execute(_PAGE[dialect], {"after": after, "page": PAGE}).all()
        if page and paused is None:
            paused = set(session.execute(_PAUSED).scalars())
        for row in page:
            first = row.deal_id is None or row.deal_id not in earlier
            earlier.add(row.deal_id)
            if first and row.team_id not in paused and _ready(row, now):
                chosen.append(row.id)
                if len(chosen) == limit:
                    break
        if len(page) < PAGE:
            break
        after = page[-1].id
    if not chosen:
        return []
    params = {"ids": chosen, "now": now, "lease_end": now + lease}
    taken = session.execute(_TAKE[dialect], params).all()
    return sorted(taken, key=lambda r: r.id)


def _ready(row, now: datetime) -> bool:
    if row.status == "pending":
        return row.due_at <= now
    return row.lease_until is not None and row.lease_until < now
