"""The outbox queue and the seen-request record. Every team's rows carry team_id. Rows
are written by storage/outbox_batch.py only, and claimed by storage/outbox_claim.py.

Taking a deal's next row is safe across replicas: on PostgreSQL with `FOR UPDATE SKIP
LOCKED`, on SQLite because a writing transaction holds the database (one process).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import (
    bindparam,
    delete,
    exists,
    func,
    select,
    update,
)
from sqlmodel import Session

from storage.models import Outbox, SeenRequest, Workspace
from storage.queries import insert_new
from storage.types import utcnow

OPEN = ("pending", "sending")


def _next_of_deal(locking: bool):
    table = Outbox.__table__
    following = (
        select(table.c.id)
        .where(table.c.deal_id == bindparam("of_deal"), table.c.id > bindparam("after_id"))
        .order_by(table.c.id)
        .limit(1)
    )
    if locking:
        following = following.with_for_update(skip_locked=True)
    return (  # one Core statement: the next row, taken if it waits and is due
        table.update()
        .where(
            table.c.id == following.scalar_subquery(),
            table.c.status == "pending",
            table.c.due_at <= bindparam("now"),
        )
        .values(
            status="sending",
            lease_until=bindparam("lease_end"),
            attempts=table.c.attempts + 1,
        )
        .returning(*table.c)
    )


# Built once (building a statement costs more than running these): the deliverer runs
# them for every row it sends. PostgreSQL's takes the row FOR UPDATE SKIP LOCKED.
_NEXT_OF_DEAL = {"postgresql": _next_of_deal(True), "sqlite": _next_of_deal(False)}
_FINISH = (
    Outbox.__table__.update()
    .where(Outbox.__table__.c.id == bindparam("row_id"), Outbox.__table__.c.status == "sending")
    .values(
        status="done",
        done_at=bindparam("done_now"),
        lease_until=None,
        result_ts=bindparam("sent_ts"),
    )
)


def claim_next(
    *, session: Session, after: Outbox, now: datetime, lease: timedelta
) -> Outbox | None:
    """Take the next row of `after`'s deal when it is due: called in the transaction that
    finishes `after`, which until then kept that row blocked, so no one else can have it."""
    if after.deal_id is None:
        return None
    stmt = _NEXT_OF_DEAL[session.get_bind().dialect.name]
    params = {"of_deal": after.deal_id, "after_id": after.id, "now": now,
              "lease_end": now + lease}  # fmt: skip
    return session.execute(stmt, params).first()  # read like an Outbox: row.kind, row.deal_id


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


def first_sighting(*, session: Session, signature: str, request_ts: int) -> bool:
    """Record a request's signature; False when it was seen before (a replay)."""
    found = insert_new(
        session=session,
        column=SeenRequest.signature,
        signature=signature,
        request_ts=request_ts,
    )
    return found is not None


def forget_seen(*, session: Session, before_ts: int) -> None:
    """Drop signatures too old to be replayed (their timestamp is refused anyway)."""
    session.execute(delete(SeenRequest).where(SeenRequest.request_ts < before_ts))


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
