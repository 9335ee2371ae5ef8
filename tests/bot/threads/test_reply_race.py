"""One thread message, two deliveries at the same moment: kept once, on both databases."""

import threading
import time

from sqlalchemy import text
from sqlmodel import Session

from bot.threads import service as threads
from storage import db
from tests.bot.threads.test_service import CARD, T, carded, notes

TS = "1800000000.000100"
WAIT_S = 10.0  # the longest the test waits for the other delivery to reach the database


def deliver(session: Session, event_id: str):
    """The reply as one delivery of the event records it, in `session`."""
    return threads.reply(
        session=session, team_id=T, event_id=event_id, channel="C0SALES", thread_ts=CARD,
        ts=TS, user="U0BOB", text="budget is 20k",
    )


def waiting_on_a_lock(engine) -> bool:
    """Whether another PostgreSQL session is blocked on a lock (SQLite queues before reading)."""
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as conn:
        q = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        return conn.execute(text(q)).scalar() > 0


def test_the_same_message_under_two_event_ids_at_once_is_recorded_once(database):
    with db.session_scope() as s:
        deal = carded(s)
    first = Session(database, expire_on_commit=False)
    assert deliver(first, "Ev1") is not None  # written, not committed yet
    results, failures = [], []

    def second_delivery() -> None:
        try:
            with db.session_scope() as s:
                results.append(deliver(s, "Ev2"))
        except Exception as exc:  # reported below: the second delivery must not fail
            failures.append(exc)

    other = threading.Thread(target=second_delivery)
    other.start()
    # Both have looked and found nothing; commit the first once the second waits on it.
    deadline = time.monotonic() + WAIT_S
    while not waiting_on_a_lock(database) and time.monotonic() < deadline:
        time.sleep(0.01)
    first.commit()
    first.close()
    other.join(WAIT_S)
    assert failures == [] and results == [None]
    with db.session_scope() as s:
        assert notes(s, deal) == [("reply", "U0BOB", "budget is 20k", False)]
