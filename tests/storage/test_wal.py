"""storage/wal.py: in the serving processes SQLite's checkpoints run on a thread of their
own, never inside a request's commit."""

import threading

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


def test_setting_it_up_while_other_threads_open_connections_fails_none_of_them(database):
    if db.engine().dialect.name != "sqlite":
        return  # PostgreSQL: nothing is set up
    failed, stop, opened = [], threading.Event(), threading.Condition()
    count = [0]

    def connecting() -> None:  # as the clock's thread or a request would, at start
        while not stop.is_set():
            try:
                with db.engine().connect() as conn:
                    conn.exec_driver_sql("SELECT 1")
                db.engine().dispose()  # new connections, so the connect hook runs each time
            except Exception as e:  # any failure is what is looked for
                failed.append(e)
                return
            with opened:
                count[0] += 1
                opened.notify_all()

    threads = [threading.Thread(target=connecting) for _ in range(4)]
    for t in threads:
        t.start()
    with opened:  # the threads are opening connections when it is set up
        assert opened.wait_for(lambda: count[0] >= 20, timeout=10)
    checkpoints = checkpoint_in_background(db.engine(), every=3600)
    try:
        with opened:  # and go on opening them after
            after = count[0]
            assert opened.wait_for(lambda: count[0] >= after + 100 or failed, timeout=10)
    finally:
        stop.set()
        for t in threads:
            t.join(5)
        checkpoints.stop()
    assert failed == []
    assert _autocheckpoint() == 0
