"""storage/wal.py: in the serving processes SQLite's checkpoints run on a thread of their
own, never inside a request's commit."""

from sqlalchemy import text

from storage import db
from storage.models import Workspace
from storage.wal import checkpoint_in_background


def _autocheckpoint() -> int:
    with db.engine().connect() as conn:
        return conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one()


def test_commits_no_longer_checkpoint_and_the_thread_copies_the_log_back(database):
    if db.engine().dialect.name != "sqlite":
        assert checkpoint_in_background(db.engine()) is None  # PostgreSQL: nothing to do
        return
    assert _autocheckpoint() == 1000  # SQLite's own: in whichever commit crosses it
    checkpoints = checkpoint_in_background(db.engine(), every=3600)  # run by hand below
    try:
        assert _autocheckpoint() == 0
        with db.session_scope() as s:
            s.add_all(Workspace(team_id=f"T0WAL{i}", name="Wal") for i in range(50))
        busy, frames, copied = checkpoints.once()
        assert busy == 0 and frames > 0 and copied == frames
        with db.read_scope() as s:  # what was copied back is all there
            found = s.execute(text("SELECT count(*) FROM workspace WHERE name = 'Wal'"))
            assert found.scalar_one() == 50
    finally:
        checkpoints.stop()
