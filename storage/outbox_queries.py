"""The outbox queue and the seen-request record. Every team's rows carry team_id. Rows
are written by storage/outbox_batch.py only, and claimed by storage/outbox_claim.py.

Taking a deal's next row is safe across replicas: on PostgreSQL with `FOR UPDATE SKIP
LOCKED`, on SQLite because a writing transaction holds the database (one process).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    null,
    or_,
    select,
    update,
)
from sqlmodel import Session

from storage.claims import insert_new_on
from storage.models import Outbox, SeenRequest, Workspace
from storage.types import utcnow

OPEN = ("pending", "sending")


# What a sent row is set to: by finish, and by finish_and_take_next for the row it finishes.
_SENT = {
    "status": "done",
    "done_at": bindparam("done_now"),
    "lease_until": null(),
    "result_ts": bindparam("sent_ts"),
}


def _done_and_next(locking: bool):
    """One statement that marks a sending row done and takes its deal's next row when that
    one waits and is due: where a finish and a claim of the next row took two."""
    t = Outbox.__table__
    mine = t.c.id == bindparam("row_id")
    following = (  # the deal's next row, whatever its state (a row done out of turn ends it)
        select(t.c.id)
        .where(t.c.deal_id == bindparam("of_deal"), t.c.id > bindparam("row_id"))
        .order_by(t.c.id)
        .limit(1)
    )
    if locking:
        following = following.with_for_update(skip_locked=True)
    still = t.alias("still")  # the finished row as it was: only a row of ours takes the next
    ours = exists().where(still.c.id == bindparam("row_id"), still.c.status == "sending")
    taken = and_(
        t.c.id == following.scalar_subquery(),
        t.c.status == "pending",
        t.c.due_at <= bindparam("now"),
        ours,
    )
    next_one = {  # the row taken
        "status": "sending",
        "done_at": t.c.done_at,
        "lease_until": bindparam("lease_end"),
        "result_ts": t.c.result_ts,
    }
    values = {k: case((mine, v), else_=next_one[k]) for k, v in _SENT.items()}
    return (
        t.update()
        .where(or_(and_(mine, t.c.status == "sending"), taken))
        .values(**values, attempts=case((mine, t.c.attempts), else_=t.c.attempts + 1))
        .returning(*t.c)
    )


# Built once (building a statement costs more than running these): the deliverer runs
# them for every row it sends. PostgreSQL's takes the next row FOR UPDATE SKIP LOCKED.
_DONE_AND_NEXT = {"postgresql": _done_and_next(True), "sqlite": _done_and_next(False)}
_FINISH = (
    Outbox.__table__.update()
    .where(Outbox.__table__.c.id == bindparam("row_id"), Outbox.__table__.c.status == "sending")
    .values(**_SENT)
)


def finish_and_take_next(
    *, session: Session, row: Outbox, result_ts: str | None, now: datetime, lease: timedelta
) -> tuple[bool, Outbox | None]:
    """Mark `row` sent (with the ts Slack gave it) and, when it was ours to finish, take
    its deal's next row if that one is due (until then `row` kept it blocked, so no one
    else can have it): whether it was ours, and the row taken (read like an Outbox)."""
    if row.deal_id is None:
        return finish(session=session, row_id=row.id, result_ts=result_ts), None
    params = {"row_id": row.id, "of_deal": row.deal_id, "now": now, "lease_end": now + lease,
              "done_now": utcnow(), "sent_ts": result_ts}  # fmt: skip
    changed = session.execute(_DONE_AND_NEXT[session.get_bind().dialect.name], params).all()
    finished = any(r.id == row.id for r in changed)
    return finished, next((r for r in changed if r.id != row.id), None)


def finish(*, session: Session, row_id: int, result_ts: str | None = None) -> bool:
    """Mark a row sent (with the ts Slack gave it); False if it was not ours to finish."""
    params = {"row_id": row_id, "done_now": utcnow(), "sent_ts": result_ts}
    return session.execute(_FINISH, params).rowcount == 1


def later(
    *, session: Session, row_id: int, due_at: datetime, uncertain: bool, error: str | None
) -> None:
    """Put a row back to wait until due_at (a rate limit, or an unknown outcome)."""
    session.execute(
        update(Outbox)
        .where(Outbox.id == row_id)
        .values(
            status="pending",
            due_at=due_at,
            lease_until=None,
            uncertain=uncertain,
            error=(error or "")[:200] or None,
        )
    )


def give_up(*, session: Session, row_id: int, status: str, error: str) -> None:
    """End a row as failed (Slack refused it for good) or paused (its channel refuses us)."""
    session.execute(
        update(Outbox)
        .where(Outbox.id == row_id)
        .values(status=status, lease_until=None, done_at=utcnow(), error=error[:200])
    )


def pause_channel(*, session: Session, team_id: str, channel_id: str, error: str) -> int:
    """Pause every waiting row for a channel that refuses us; how many were paused."""
    result = session.execute(
        update(Outbox)
        .where(
            Outbox.team_id == team_id,
            Outbox.channel_id == channel_id,
            Outbox.status == "pending",
        )
        .values(status="paused", error=error[:200])
    )
    return result.rowcount


def rows(*, session: Session, team_id: str, kind: str | None = None) -> Sequence[Outbox]:
    """A team's rows, oldest first (for operators and tests)."""
    stmt = select(Outbox).where(Outbox.team_id == team_id)
    if kind:
        stmt = stmt.where(Outbox.kind == kind)
    return session.execute(stmt.order_by(Outbox.id)).scalars().all()


def waiting(*, session: Session) -> int:
    """How many rows wait to be sent (pending or sending), all teams."""
    stmt = select(func.count()).select_from(Outbox).where(Outbox.status.in_(OPEN))
    return session.execute(stmt).scalar_one()


def first_sighting(*, conn: Connection, signature: str, request_ts: int) -> bool:
    """Record a request's signature; False when it was seen before (a replay)."""
    found = insert_new_on(conn, SeenRequest.signature, signature=signature, request_ts=request_ts)
    return found is not None


def forget_seen(*, conn: Connection, before_ts: int) -> None:
    """Drop signatures too old to be replayed (their timestamp is refused anyway)."""
    conn.execute(delete(SeenRequest).where(SeenRequest.request_ts < before_ts))


def ever_enqueued(*, session: Session, coalesce_key: str) -> bool:
    """Whether a row with this key was ever written (for what is said only once)."""
    stmt = select(Outbox.id).where(Outbox.coalesce_key == coalesce_key).limit(1)
    return session.execute(stmt).first() is not None


def due(*, session: Session, now: datetime) -> int:
    """How many pending rows are due by now, all teams."""
    stmt = (
        select(func.count())
        .select_from(Outbox)
        .where(Outbox.status == "pending", Outbox.due_at <= now, ~_team_paused())
    )
    return session.execute(stmt).scalar_one()


def _team_paused():
    """The row's workspace is paused (dealbot uninstalled there): its rows wait."""
    return exists().where(Workspace.team_id == Outbox.team_id, Workspace.paused_at.is_not(None))
