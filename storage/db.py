"""Engine, the unit of work, and migrations."""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"

log = logging.getLogger("dealbot")
_engine: Engine | None = None
_sqlite_writer = threading.Lock()


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout, foreign keys and immediate writes."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
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
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # A deferred transaction that reads and then writes can fail at once with
        # SQLITE_BUSY when another writer got in between; taking the write lock up
        # front makes writers queue on busy_timeout instead.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


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


def upgrade(url: str | None = None) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    own = make_engine(url) if url else None  # an engine made here is closed here
    cfg.attributes["engine"] = own or engine()
    try:
        command.upgrade(cfg, "head")
    finally:
        if own is not None:
            own.dispose()
