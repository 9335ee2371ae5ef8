"""The lock a process holds while it migrates a database."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text

from storage.engines import sqlite_file

MIGRATION_LOCK_KEY = 0x6465616C626F74  # "dealbot": one advisory lock per database


@contextmanager
def migration_lock(eng: Engine) -> Iterator[None]:
    """Only one process migrates a database at a time; the others wait, then find it done.

    PostgreSQL: a session advisory lock held on its own connection for the whole upgrade.
    SQLite: an exclusive flock on `<file>.migrate.lock` beside the database file.
    """
    if eng.dialect.name == "postgresql":
        with eng.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()  # the lock belongs to the session, not to this transaction
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                conn.commit()
        return
    database = sqlite_file(eng.url)
    if database is None:
        yield  # nothing another process could share
        return
    import fcntl

    with open(f"{database}.migrate.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
