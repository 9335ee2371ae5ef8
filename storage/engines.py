"""Engines: one made for a database URL (SQLite tuned for one process of many threads,
PostgreSQL pooled), and its twins with other execution options on the same pool."""

from sqlalchemy import URL, Engine, event, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import create_engine

from storage.search_text import register_sqlite

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
    engine.__dict__[WRITER_FILE] = sqlite_file(url)  # storage/sqlite_writer.py queues on it

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
WRITER_FILE = "_dealbot_writer_file"  # a SQLite engine's database file, or None in memory


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


def read_only(eng: Engine) -> Engine:
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
