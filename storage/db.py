"""The process-wide engine, the unit of work, and migrations.

Engines themselves are made in storage/engines.py, the migration lock is
storage/migration_lock.py; their names are here too, where callers find them."""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlmodel import Session

from storage.engines import (  # noqa: F401  (callers find these in storage.db too)
    POOL_SIZE,
    READ_ONLY,
    RECYCLE_S,
    WRITER_FILE,
    autocommit,
    checkpoints_apart,
    make_engine,
    read_only,
    sqlite_file,
)
from storage.migration_lock import MIGRATION_LOCK_KEY, migration_lock  # noqa: F401  (as above)
from storage.sqlite_writer import Writer

MIGRATIONS = Path(__file__).parent / "migrations"

log = logging.getLogger("dealbot")
_engine: Engine | None = None
_sqlite_writer = Writer()
_open = threading.local()  # .units: units of work open on this thread (in_unit)


def configure(url: str) -> Engine:
    """Set the process-wide engine (called once at start)."""
    global _engine
    if _engine is not None:
        _engine.dispose()
    _engine = make_engine(url)
    return _engine


def engine() -> Engine:
    """The process-wide engine."""
    if _engine is None:
        raise RuntimeError("storage.db.configure() was not called")
    return _engine


Hook = Callable[[Session], None]
_before_commit: list[Hook] = []
_after_commit: list[Hook] = []


def add_commit_hooks(*, before: Hook | None = None, after: Hook | None = None) -> None:
    """Run `before(session)` inside every unit of work just before it commits (what it
    writes is part of the same transaction), and `after(session)` once it has committed."""
    for hooks, hook in ((_before_commit, before), (_after_commit, after)):
        if hook is not None and hook not in hooks:
            hooks.append(hook)


def remove_commit_hooks(*, before: Hook | None = None, after: Hook | None = None) -> None:
    """Undo add_commit_hooks."""
    for hooks, hook in ((_before_commit, before), (_after_commit, after)):
        if hook in hooks:
            hooks.remove(hook)


@contextmanager
def read_scope() -> Iterator[Session]:
    """A unit of work that only reads: no commit hooks, nothing it writes is kept, and on
    SQLite it does not wait for the writer's turn (WAL readers see the last commit)."""
    # On PostgreSQL it is a READ ONLY transaction (the server refuses a write) and ends
    # with COMMIT, not the pool's ROLLBACK: psycopg forgets every statement it prepared on
    # a connection when that connection rolls back, so reads that rolled back had
    # PostgreSQL parse and plan each statement again (most of its CPU per command). On
    # SQLite it is rolled back. What was read stays loaded (detached).
    eng = engine()
    postgres = eng.dialect.name == "postgresql"
    with Session(read_only(eng), expire_on_commit=False) as session, _opened():
        yield session
        if postgres:
            session.commit()


@contextmanager
def statement_connection() -> Iterator[Connection]:
    """A Core connection for one write that stands alone (a request's signature claimed,
    old ones dropped: bot/runtime/front_door.py): on PostgreSQL each statement commits as
    it runs (AUTOCOMMIT), with no commit hooks; on SQLite the connection of a unit of work
    like any other (session_scope), as SQLite writers take turns. No ORM session: its own
    bookkeeping cost half as much again as the statement."""
    eng = engine()
    if eng.dialect.name != "postgresql":
        with session_scope() as session:
            yield session.connection()
        return
    with autocommit(eng).connect() as conn:
        yield conn


@contextmanager
def single_read() -> Iterator[Session]:
    """A session for a read of one statement (or a few, each consistent alone): on
    PostgreSQL each runs on its own (AUTOCOMMIT: one round trip, where a READ ONLY
    transaction takes three: BEGIN, the statement, COMMIT); on SQLite a read_scope."""
    eng = engine()
    if eng.dialect.name != "postgresql":
        with read_scope() as session:
            yield session
        return
    with Session(autocommit(eng), expire_on_commit=False) as session:
        yield session


def in_unit() -> bool:
    """Whether this thread is inside a unit of work (session_scope, read_scope): where
    nothing may wait on Slack, as the unit holds SQLite's writer, or a PostgreSQL
    transaction and its connection, meanwhile (the end-to-end tests fail on a Web API call
    made there: tests/e2e/conftest.py)."""
    return getattr(_open, "units", 0) > 0


@contextmanager
def _opened() -> Iterator[None]:
    """Count a unit of work open on this thread while it is (in_unit)."""
    _open.units = getattr(_open, "units", 0) + 1
    try:
        yield
    finally:
        _open.units -= 1


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    eng = engine()
    # SQLite has one writer: queueing units of work for it (threads on a lock, processes
    # on a file lock) wakes the next one the moment the last commits, where SQLite's own
    # busy handler would sleep and retry (storage/sqlite_writer.py).
    sqlite = eng.dialect.name == "sqlite"
    queue = _sqlite_writer.held(eng.__dict__.get(WRITER_FILE)) if sqlite else nullcontext()
    with queue, Session(eng, expire_on_commit=False) as session, _opened():
        try:
            yield session
            for hook in list(_before_commit):
                hook(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    for hook in list(_after_commit):
        try:
            hook(session)
        except Exception:  # the unit of work is committed; a hook must not undo the answer
            log.exception("after-commit hook failed")


def ping() -> bool:
    """True when the database answers."""
    try:
        with engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def upgrade(url: str | None = None) -> tuple[str | None, str | None]:
    """Bring the schema to the newest migration under the migration lock; the revisions
    before and after (read under the lock, so a process that waited sees what it found)."""
    from alembic import command

    with _alembic(url) as cfg, migration_lock(cfg.attributes["engine"]):
        before = _revision_of(cfg.attributes["engine"])
        command.upgrade(cfg, "head")
        return before, _revision_of(cfg.attributes["engine"])


def downgrade(revision: str, url: str | None = None) -> None:
    """Take the schema back to `revision` (under the migration lock)."""
    from alembic import command

    with _alembic(url) as cfg, migration_lock(cfg.attributes["engine"]):
        command.downgrade(cfg, revision)


def current_revision(url: str | None = None) -> str | None:
    """The revision the database is at (None when it has no schema yet)."""
    with _alembic(url) as cfg:
        return _revision_of(cfg.attributes["engine"])


def _revision_of(eng: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with eng.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision this code knows."""
    from alembic.script import ScriptDirectory

    with _alembic(None, connect=False) as cfg:
        return ScriptDirectory.from_config(cfg).get_current_head()


def revisions() -> list[str]:
    """Every revision this code knows, newest first."""
    from alembic.script import ScriptDirectory

    with _alembic(None, connect=False) as cfg:
        return [r.revision for r in ScriptDirectory.from_config(cfg).walk_revisions()]


def alembic_command(name: str, url: str | None = None, **kwargs) -> None:
    """Run one of Alembic's own read-only commands (`current`, `history`), printing to stdout."""
    from alembic import command

    with _alembic(url) as cfg:
        getattr(command, name)(cfg, **kwargs)


@contextmanager
def _alembic(url: str | None, *, connect: bool = True):
    """Alembic's Config on the migrations here and the engine for `url` (else the process's);
    an engine made here is closed here."""
    import sys

    from alembic.config import Config

    cfg = Config(stdout=sys.stdout)  # the stdout of now (Alembic's default is import time's)
    cfg.set_main_option("script_location", str(MIGRATIONS))
    own = make_engine(url) if url and connect else None
    if connect:
        cfg.attributes["engine"] = own or engine()
    try:
        yield cfg
    finally:
        if own is not None:
            own.dispose()
