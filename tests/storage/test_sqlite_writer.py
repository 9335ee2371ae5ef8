"""storage/sqlite_writer.py: SQLite's writers queue on a file lock beside the database, so
a writer in another process (`dealbot serve --workers N`) is woken the moment the file is
free, instead of SQLite's sleeping and retrying (up to 100 ms a sleep)."""

import os

import pytest
from sqlalchemy import text

from storage import db
from storage.sqlite_writer import SUFFIX

fcntl = pytest.importorskip("fcntl")  # POSIX: elsewhere processes wait on SQLite itself


@pytest.fixture
def sqlite_path(tmp_path):
    """The process-wide engine on a SQLite file of its own (whatever TEST_DATABASE_URL is)."""
    path = tmp_path / "writer.db"
    engine = db.configure(f"sqlite:///{path}")
    with db.session_scope() as s:
        s.execute(text("CREATE TABLE note (body TEXT)"))
    yield str(path)
    engine.dispose()


def _free(fd: int) -> bool:
    """Whether an exclusive lock of the writer file can be had through fd right now."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True


def _free_for_another_process(path: str) -> bool:
    fd = os.open(path + SUFFIX, os.O_RDWR)  # an open file of its own, as another process's
    try:
        return _free(fd)
    finally:
        os.close(fd)


def test_a_unit_of_work_holds_the_writer_file_until_it_commits(sqlite_path):
    with db.session_scope() as s:
        s.execute(text("INSERT INTO note VALUES ('held')"))
        assert not _free_for_another_process(sqlite_path)  # another process waits its turn
    assert _free_for_another_process(sqlite_path)
    with db.read_scope() as s:  # a read takes no turn
        assert s.execute(text("SELECT count(*) FROM note")).scalar_one() == 1
        assert _free_for_another_process(sqlite_path)


def test_a_failed_unit_of_work_gives_its_turn_back(sqlite_path):
    with pytest.raises(RuntimeError), db.session_scope() as s:
        s.execute(text("INSERT INTO note VALUES ('rolled back')"))
        raise RuntimeError("the change fails")
    assert _free_for_another_process(sqlite_path)


def test_a_forked_worker_queues_through_a_file_of_its_own(sqlite_path):
    # gunicorn forks the workers of `serve --workers N` from one process: a worker taking
    # the lock through the parent's open file (shared by the fork) would not wait for it.
    with db.session_scope() as s:  # the parent holds its turn, through its open file
        s.execute(text("INSERT INTO note VALUES ('parent')"))
        pid = os.fork()
        if pid == 0:  # the worker: may it write now? (it must wait)
            status = 0
            try:
                fd = db._sqlite_writer._open(sqlite_path)
                status = 1 if _free(fd) else 0
            except BaseException:
                status = 2
            os._exit(status)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the forked worker could write meanwhile"
