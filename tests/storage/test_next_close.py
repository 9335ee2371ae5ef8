"""activity.next_close_at (storage/next_close.py): on every close and reopening, the time of
its deal's next one, whatever writes the history and in whatever order: an import's bulk
insert, the app's one-by-one inserts, deletes, a change of an activity's time, kind or deal;
and migration 0025 fills it for the history already there (SQLite and PostgreSQL). The
deals closed in a period and not reopened since (digest_queries.closes) are read from it."""


import pytest
from alembic import command
from sqlalchemy import select

from bot.workspaces.service import ensure_workspace
from storage import db, queries
from storage import digest_queries as dq
from storage.models import Activity
from storage.next_close import CLOSES
from tests.storage.history import (
    DAY,
    NOW,
    T,
    add_deal,
    insert_old_history,
    write_every_way,
)
from tests.storage.test_migrations import migrated_to

KINDS = ["created", "moved", "won", "lost", "reopened", "note"]


def _expected(rows) -> dict[int, object]:
    """Activity id -> next_close_at as the history says: on a close or reopening, the time
    of its deal's first close or reopening after it in (time, id) order; None otherwise."""
    out = {}
    for r in rows:
        later = [(e.at, e.id) for e in rows if e.deal_id == r.deal_id and e.kind in CLOSES
                 and (e.at, e.id) > (r.at, r.id)]
        out[r.id] = min(later)[0] if r.kind in CLOSES and later else None
    return out


def _check(session) -> int:
    """The column as _expected says, and closes() as the history says over a few periods:
    the number of closes that have a next one."""
    rows = session.execute(select(Activity.id, Activity.deal_id, Activity.at, Activity.kind,
                                  Activity.next_close_at)).all()
    want = _expected(rows)
    assert {r.id: r.next_close_at for r in rows} == want
    for start, end in ((30, 0), (20, 10), (12, 11)):
        newest: dict[int, tuple] = {}
        for r in sorted(rows, key=lambda r: (r.at, r.id)):
            if r.kind in CLOSES and NOW - start * DAY <= r.at < NOW - end * DAY:
                newest[r.deal_id] = (r.kind, r.at)
        c = dq.closes(session, T, ["won", "lost"], NOW - start * DAY, NOW - end * DAY)
        got = {d: (k, at) for d, k, at, _note in session.execute(select(c))}
        assert got == {d: v for d, v in newest.items() if v[0] != "reopened"}
    return sum(v is not None for v in want.values())


def test_each_close_keeps_its_next_whatever_writes_the_history(session):
    ensure_workspace(session=session, team_id=T)
    stage = queries.all_stages(session=session, team_id=T)[0]
    deals = [add_deal(session, n, f"D{n}", stage.id, created_ago=40) for n in (1, 2, 3)]
    followed = write_every_way(session, deals, KINDS, _check, "reopened", seed=25)
    assert all(n >= 10 for n in followed)  # each time, closes that had a next one


@pytest.fixture
def at_0024(empty_database_url):
    """An empty database migrated up to 0024, before activity.next_close_at."""
    yield from migrated_to(empty_database_url, "0024")


def test_0025_fills_each_closes_next_and_the_closes_follow(at_0024):
    engine, cfg = at_0024
    history = [(50, "created"), (30, "won"), (20, "reopened"), (10, "lost")]
    with engine.begin() as conn:
        insert_old_history(conn, history)
    command.upgrade(cfg, "0025")
    command.downgrade(cfg, "0024")  # and up again: docs/operations.md's recomputation
    command.upgrade(cfg, "0025")
    with db.session_scope() as s:
        got = s.execute(select(Activity.kind, Activity.next_close_at).order_by(Activity.at)).all()
        assert got == [("created", None), ("won", NOW - 20 * DAY),
                       ("reopened", NOW - 10 * DAY), ("lost", None)]
        won = dq.closes(s, "T1", ["won", "lost"], NOW - 40 * DAY, NOW - 25 * DAY)
        lost = dq.closes(s, "T1", ["won", "lost"], NOW - 40 * DAY, NOW)
        assert [k for _d, k, _at, _n in s.execute(select(won))] == ["won"]  # reopened later
        assert [k for _d, k, _at, _n in s.execute(select(lost))] == ["lost"]
