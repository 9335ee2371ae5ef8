"""workspace.settings_stamp changes on every write to the workspace or one of its stages,
whoever writes (triggers, storage/workspace_stamp.py), on SQLite and PostgreSQL: a process
whose copy of them carries the old stamp reads them again (storage/settings_cache.py)."""

import threading
import time

import pytest
from sqlalchemy import func, select, text

from bot.workspaces.service import ensure_workspace
from storage import db, queries, settings_cache

TEAM = "T0STAMP"
WRITES = [
    "UPDATE workspace SET currency = 'EUR' WHERE team_id = :team",
    "UPDATE workspace SET paused_at = NULL WHERE team_id = :team",  # a write, same value
    "INSERT INTO stage (team_id, key, name, position, probability, kind, active) "
    "VALUES (:team, 'extra', 'Extra', 99, 50, 'open', true)",
    "UPDATE stage SET name = 'Renamed' WHERE team_id = :team AND key = 'extra'",
    "UPDATE stage SET active = false WHERE team_id = :team AND key = 'extra'",
    "DELETE FROM stage WHERE team_id = :team AND key = 'extra'",
]


def _stamp(conn) -> int:
    return conn.execute(
        text("SELECT settings_stamp FROM workspace WHERE team_id = :team"), {"team": TEAM}
    ).scalar_one()


def test_every_write_to_the_workspace_or_its_stages_gives_a_new_stamp(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
    with database.connect() as conn:
        seen = [_stamp(conn)]
    for sql in WRITES:
        with database.begin() as conn:
            conn.execute(text(sql), {"team": TEAM})
        with database.connect() as conn:
            seen.append(_stamp(conn))
    assert 0 not in seen  # a new workspace has its own stamp, not the column's default
    assert len(set(seen)) == len(seen), list(zip(["new", *WRITES], seen, strict=True))


def test_a_write_that_sets_the_stamp_keeps_it_and_other_workspaces_keep_theirs(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
        ensure_workspace(session=s, team_id="T0OTHER")
    with database.begin() as conn:
        other = conn.execute(text("SELECT settings_stamp FROM workspace WHERE team_id = "
                                  "'T0OTHER'")).scalar_one()
        conn.execute(text("UPDATE workspace SET settings_stamp = 42 WHERE team_id = :team"),
                     {"team": TEAM})
        assert _stamp(conn) == 42
        conn.execute(text("UPDATE stage SET name = name WHERE team_id = :team"), {"team": TEAM})
        assert _stamp(conn) != 42
        assert conn.execute(text("SELECT settings_stamp FROM workspace WHERE team_id = "
                                 "'T0OTHER'")).scalar_one() == other


def test_a_deal_made_while_a_switch_holds_the_pipeline_starts_in_the_new_one(database):
    """PostgreSQL: the stamp is read after the pipeline's lock is granted, so a process
    whose copy is older than the switch it waited for reads the stages again."""
    if database.dialect.name != "postgresql":
        pytest.skip("SQLite's writers run one at a time: nothing waits inside a statement")
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
    with db.session_scope() as s:
        settings_cache.workspace_stages(session=s, team_id=TEAM, hold=True)  # the process's copy
    seen: dict[str, str] = {}

    def create() -> None:
        with db.session_scope() as s:
            stages = settings_cache.workspace_stages(session=s, team_id=TEAM, hold=True)[1]
            seen["first"] = stages[0].key

    with database.connect() as switch:  # a template switch: the pipeline held alone
        lock = func.pg_advisory_xact_lock(queries.WORKSPACE_LOCK, func.hashtext(TEAM))
        switch.execute(select(lock))
        switch.execute(text("UPDATE stage SET active = false WHERE team_id = :team "
                            "AND key = 'prospect'"), {"team": TEAM})
        maker = threading.Thread(target=create)
        maker.start()
        waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory' "
                       "AND datname = current_database()")
        deadline = time.monotonic() + 10
        while switch.execute(waiting).scalar() == 0 and time.monotonic() < deadline:
            pass  # until the maker waits for the switch's lock
        switch.commit()
        maker.join(10)
    assert seen == {"first": "qualified"}
