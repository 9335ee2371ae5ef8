"""Engine, the unit of work, and migrations."""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import URL, Engine, event, make_url, text
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session, create_engine

from storage.search_text import register_sqlite

MIGRATIONS = Path(__file__).parent / "migrations"

log = logging.getLogger("dealbot")
_engine: Engine | None = None
_sqlite_writer = threading.Lock()
READ_ONLY = "dealbot_read_only"  # an execution option: this unit of work only reads


# Connections a process may use at once: the listeners run on the HTTP server's threads
# (`serve --threads`, 8) and after-ack work on the WorkPool (bot/runtime/executor.py, 16);
# a deal number may take a second connection for one statement (number_queries.next_number).
POOL_SIZE = 8 + 16
RECYCLE_S = 1800  # reconnect a connection this old, instead of pinging on every checkout


def make_engine(url: str, pool_size: int = POOL_SIZE) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout, foreign keys and immediate writes.

    PostgreSQL: a pool of `pool_size` (and as many more at a peak), recycled after
    RECYCLE_S; no ping per checkout (a round trip on every unit of work): a connection the
    server dropped fails one statement, and SQLAlchemy then empties the pool."""
    if not url.startswith("sqlite"):
        return create_engine(
            url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=RECYCLE_S
        )
    engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Driver-level autocommit so that "begin" below controls the transaction.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA foreign_keys=ON")
        if engine.__dict__.get(_CHECKPOINTS_APART):  # storage/wal.py checkpoints instead
            cur.execute("PRAGMA wal_autocheckpoint=0")
        cur.close()
        register_sqlite(dbapi_conn)  # the search index's triggers call dealbot_fold

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # A deferred transaction that reads and then writes can fail at once with
        # SQLITE_BUSY when another writer got in between; taking the write lock up
        # front makes writers queue on busy_timeout instead. A read-only unit of work
        # (never committed) reads a WAL snapshot beside the writer, without its lock.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


_CHECKPOINTS_APART = "_dealbot_checkpoints_apart"


def checkpoints_apart(engine: Engine) -> None:
    """From now on the engine's SQLite connections never checkpoint in a commit (a thread of
    storage/wal.py does): a flag the connect hook reads, so that no hook is added to an
    engine other threads may be opening connections with; the open ones are reopened."""
    engine.__dict__[_CHECKPOINTS_APART] = True
    engine.dispose()


def sqlite_file(url: str | URL) -> str | None:
    """The file a SQLite URL names, or None: not SQLite, or an in-memory database (each
    process's own: nothing another process could share; `sqlite:` is one too)."""
    try:
        u = make_url(url)
    except ArgumentError:  # `sqlite:` and the like: no file named
        return None
    database = u.database
    if u.get_backend_name() != "sqlite" or not database or ":memory:" in database:
        return None
    return None if u.query.get("mode") == "memory" else database


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
    with Session(_read_only(eng), expire_on_commit=False) as session:
        yield session
        if postgres:
            session.commit()


def _read_only(eng: Engine) -> Engine:
    """The engine's read-only twin (same pool), made once per engine (_twin)."""
    postgres = eng.dialect.name == "postgresql"
    options = {READ_ONLY: True, **({"postgresql_readonly": True} if postgres else {})}
    return _twin(eng, "_dealbot_read_only", **options)


def _twin(eng: Engine, name: str, **options) -> Engine:
    """The engine with these execution options (same pool), made once per engine and kept
    on it under `name`: making one for each unit of work cost more than the unit's
    statement (bench/statement_cost.py)."""
    twin = eng.__dict__.get(name)
    if twin is None:
        twin = eng.__dict__[name] = eng.execution_options(**options)
    return twin


def autocommit(eng: Engine) -> Engine:
    """The engine's AUTOCOMMIT twin (same pool), made once per engine: each statement
    commits as it runs, in one round trip where a unit of work takes three (BEGIN, the
    statement, COMMIT). For single statements that need no transaction around them."""
    return _twin(eng, "_dealbot_autocommit", isolation_level="AUTOCOMMIT")


def statement_scope() -> AbstractContextManager[Session]:
    """A session for one write that stands alone (a claim such as a request's signature):
    on PostgreSQL each statement commits as it runs, with no commit hooks; on SQLite it is
    a unit of work like any other (session_scope), as SQLite writers take turns."""
    return _alone(otherwise=session_scope)


def single_read() -> AbstractContextManager[Session]:
    """A session for a read of one statement (or a few, each consistent alone): on
    PostgreSQL each runs on its own (AUTOCOMMIT: one round trip, where a READ ONLY
    transaction takes three: BEGIN, the statement, COMMIT); on SQLite a read_scope."""
    return _alone(otherwise=read_scope)


@contextmanager
def _alone(otherwise: Callable[[], AbstractContextManager[Session]]) -> Iterator[Session]:
    """On PostgreSQL a session on the engine's AUTOCOMMIT twin; elsewhere `otherwise()`."""
    eng = engine()
    if eng.dialect.name != "postgresql":
        with otherwise() as session:
            yield session
        return
    with Session(autocommit(eng), expire_on_commit=False) as session:
        yield session


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    eng = engine()
    # SQLite is one process: queueing units of work here wakes the next one the moment
    # the last commits, where SQLite's own busy handler would sleep and retry.
    queue = _sqlite_writer if eng.dialect.name == "sqlite" else nullcontext()
    with queue, Session(eng, expire_on_commit=False) as session:
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
