"""SQLite's one writer, waited for without polling.

SQLite lets one transaction write at a time. A writer that finds the file locked sleeps
and tries again (its busy handler: 1, 2, 5, 10 ... up to 100 ms a sleep), so with several
processes on one file (`dealbot serve --workers N`) a write waits past the moment the file
was free, and a process whose threads keep writing can keep it from another for long
(`bench/ab.py --workers 2`: a median p99 of 456 ms at 8 senders). Units of work queue
instead: this process's threads on a lock, and processes on an exclusive `flock` of a file
beside the database (`<database>.writer.lock`, as the migration lock's is `.migrate.lock`),
whose waiters the kernel wakes the moment it is released (one of them gets it; Linux
promises no order). SQLite's own locking still keeps the data safe (a writer that does
not queue here, such as the sqlite3 shell, is waited for as before); this only decides
who goes next, and wakes them at once. Reads (WAL snapshots) take neither.

The wait has no timeout of its own, where SQLite's busy handler gave up after 10 s: a
process holding its turn is in a unit of work, which never waits on Slack (the end-to-end
tests fail on any call made inside one); a worker that hangs is killed by gunicorn's
worker timeout, and the kernel releases a dead process's lock.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # not a POSIX system: processes wait on SQLite's busy handler
    fcntl = None

SUFFIX = ".writer.lock"


class Writer:
    """The queue for SQLite's writer: held around each unit of work that writes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._file: tuple[str, int] | None = None  # (database path, open lock file)
        os.register_at_fork(after_in_child=self._forked)

    def _forked(self) -> None:
        # A forked worker queues with its own open file: a lock taken through the parent's
        # (shared by the fork) would not keep the two apart. Closing the child's copy does
        # not release what the parent holds.
        self._lock = threading.Lock()
        if self._file is not None:
            os.close(self._file[1])
            self._file = None

    @contextmanager
    def held(self, database: str | None) -> Iterator[None]:
        """Hold the writer of the SQLite file `database` (None: in memory, this process's
        alone, so the threads' lock is enough)."""
        with self._lock:
            fd = self._open(database) if database and fcntl else None
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_UN)

    def _open(self, database: str) -> int:
        if self._file is not None and self._file[0] == database:
            return self._file[1]
        if self._file is not None:  # another database (tests configure several)
            os.close(self._file[1])
            self._file = None
        # Read-only is enough to lock it, and works whoever made the file.
        fd = os.open(database + SUFFIX, os.O_RDONLY | os.O_CREAT, 0o666)
        self._file = (database, fd)
        return fd
