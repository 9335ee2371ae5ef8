"""activity.days_in_stage (storage/days_in_stage.py): on every move out of a stage, the days
since the deal's newest entry before it, whatever writes the history and in whatever order:
the app's one-by-one inserts, an import's bulk insert of old dates, deletes, a change of an
activity's time, kind or deal; and migration 0024 fills it for the history already there
(SQLite and PostgreSQL). The time in stage of the digest and reports is summed from it."""


import pytest
from alembic import command
from sqlalchemy import select

from bot.workspaces.service import ensure_workspace
from storage import db, queries
from storage import metric_queries as mq
from storage.days_in_stage import ENTRIES, OUTS
from storage.models import Activity
from tests.storage.history import (
    DAY,
    NOW,
    T,
    add_deal,
    insert_old_history,
    write_every_way,
)
from tests.storage.test_migrations import migrated_to

KINDS = ["created", "moved", "reopened", "won", "lost", "note", "qualified"]


def _expected(rows) -> dict[int, object]:
    """Activity id -> days_in_stage as the history says: on a move out, the days since the
    newest entry of its deal earlier in (time, id) order; None otherwise."""
    out = {}
    for r in rows:
        earlier = [e.at for e in rows if e.deal_id == r.deal_id and e.kind in ENTRIES
                   and (e.at, e.id) < (r.at, r.id)]
        out[r.id] = (r.at - max(earlier)) / DAY if r.kind in OUTS and earlier else None
    return out


def _check(session) -> int:
    rows = session.execute(select(Activity.id, Activity.deal_id, Activity.at, Activity.kind,
                                  Activity.days_in_stage)).all()
    want = _expected(rows)
    assert {r.id: r.days_in_stage and round(r.days_in_stage, 6) for r in rows} == want
    return sum(v is not None for v in want.values())


def test_each_move_out_keeps_its_entry_whatever_writes_the_history(session):
    ensure_workspace(session=session, team_id=T)
    stage = queries.all_stages(session=session, team_id=T)[0]
    deals = [add_deal(session, n, f"D{n}", stage.id, created_ago=40) for n in (1, 2, 3)]
    filled = write_every_way(session, deals, KINDS, _check, "created", seed=24)
    assert all(n >= 10 for n in filled)  # the history had moves out with entries each time


@pytest.fixture
def at_0023(empty_database_url):
    """An empty database migrated up to 0023, before activity.days_in_stage."""
    yield from migrated_to(empty_database_url, "0023")


def test_0024_fills_each_move_outs_days_and_the_stage_times_follow(at_0023):
    engine, cfg = at_0023
    history = [(50, "created"), (30, "moved"), (20, "note"), (10, "won")]  # 20 days in each
    with engine.begin() as conn:
        insert_old_history(conn, history)
    command.upgrade(cfg, "0024")
    command.downgrade(cfg, "0023")  # and up again: docs/operations.md's recomputation
    command.upgrade(cfg, "0024")
    with db.session_scope() as s:
        days = s.execute(select(Activity.kind, Activity.days_in_stage)
                         .order_by(Activity.at)).all()
        assert days == [("created", None), ("moved", 20.0), ("note", None), ("won", 20.0)]
        assert mq.stage_days(session=s, team_id="T1", start=NOW - 90 * DAY, end=NOW) == {
            "Prospect identified": (20.0, 2)
        }
