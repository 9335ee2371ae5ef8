"""Test fixtures: a real, migrated database (SQLite, or PostgreSQL from TEST_DATABASE_URL).

Every migration runs once per session. On SQLite into a template file, which each test
gets a copy of; on PostgreSQL into one database, emptied before each test (_PostgresReset).
Tests of the migrations themselves start from `empty_database_url` and run them.
"""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from storage import db

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RAM = Path("/dev/shm")


def _postgres_base() -> URL | None:
    base = os.environ.get("TEST_DATABASE_URL")
    return make_url(base) if base and base.startswith("postgresql") else None


def _dispose_app_engine() -> None:
    """Close the process-wide engine's connections (it stays usable)."""
    if db._engine is not None:
        db._engine.dispose()


@contextmanager
def _postgres_database(base: URL) -> Iterator[str]:
    """Create an empty throwaway database beside `base`; yield its URL; drop it."""
    name = f"dealbot_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        _dispose_app_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class _PostgresReset:
    """One migrated PostgreSQL database for every test, emptied before each.

    Emptying costs a few milliseconds where `CREATE DATABASE ... TEMPLATE` and `DROP
    DATABASE` cost the server half a second to a second a test (a copy of the catalogs
    through the WAL, and a checkpoint), which the tests waited for. Before each test, as
    `DROP DATABASE ... WITH (FORCE)` did, whatever is still connected is ended; then every
    table is emptied (triggers and foreign keys off meanwhile: `session_replication_role`),
    every sequence starts again at 1, and the schema's revision is written back (a test
    may change it). Each test's URL names it (`application_name`): what the app remembers
    per database URL in memory (handlers/kit/channels.py) is not carried to the next test.
    """

    def __init__(self, url: str) -> None:
        self.url, self.tests = url, 0
        self.admin = create_engine(url, poolclass=NullPool)
        with self.admin.connect() as conn:
            tables = conn.execute(text(_TABLES)).scalars().all()
            sequences = conn.execute(text(_SEQUENCES)).scalars().all()
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        self.empty = "".join(
            ["SET LOCAL session_replication_role = replica;"]
            + [f'DELETE FROM "{t}";' for t in tables]
            + [f"SELECT setval('\"{q}\"', 1, false);" for q in sequences]
            + [f"UPDATE alembic_version SET version_num = '{head}';"]
        )

    @contextmanager
    def fresh(self) -> Iterator[str]:
        """The database, empty, for one test."""
        with self.admin.begin() as conn:
            conn.execute(text(_OTHERS_ENDED))
            conn.exec_driver_sql(self.empty)
        self.tests += 1
        named = make_url(self.url).update_query_dict({"application_name": f"test{self.tests}"})
        try:
            yield named.render_as_string(hide_password=False)
        finally:
            _dispose_app_engine()

    def close(self) -> None:
        self.admin.dispose()


_TABLES = (
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
)
_SEQUENCES = "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
_OTHERS_ENDED = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


@contextmanager
def _sqlite_file(folder: Path, template: str | None = None) -> Iterator[str]:
    """A throwaway SQLite file in `folder` (a copy of `template`); yield its URL; delete it."""
    path = folder / f"dealbot-{uuid.uuid4().hex[:10]}.db"
    if template:
        shutil.copyfile(template, path)
    try:
        yield f"sqlite:///{path}"
    finally:
        _dispose_app_engine()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def _sqlite_folder(tmp_path_factory) -> Iterator[Path]:
    """Where SQLite test databases live: in memory-backed /dev/shm when there is one.

    Throwaway databases gain nothing from reaching the disk, and SQLite's checkpoint at
    close syncs to it; the schema, pragmas and queries are the same wherever the file is.
    """
    if RAM.is_dir() and os.access(RAM, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="dealbot-tests-", dir=RAM))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path_factory.mktemp("databases")


@pytest.fixture(scope="session")
def _migrated_template(_sqlite_folder) -> Iterator[str]:
    """Once per session: a database every migration has run on (a file path or a db name),
    dropped at the end on PostgreSQL."""
    base = _postgres_base()
    if base is not None:
        with _postgres_database(base) as url:
            db.upgrade(url)  # disposes its engine: a template must have no connections
            yield make_url(url).database
        return
    path = _sqlite_folder / "template.db"
    db.upgrade(f"sqlite:///{path}")  # closing its last connection checkpoints the WAL
    assert not Path(f"{path}-wal").exists(), "the template is not one file"
    yield str(path)


@pytest.fixture(scope="session")
def _postgres_reset(_migrated_template) -> Iterator[_PostgresReset]:
    """The migrated PostgreSQL database, emptied for each test (only on PostgreSQL)."""
    url = _postgres_base().set(database=_migrated_template)
    reset = _PostgresReset(url.render_as_string(hide_password=False))
    yield reset
    reset.close()


@pytest.fixture
def empty_database_url(_sqlite_folder) -> Iterator[str]:
    """A fresh database with no schema at all."""
    base = _postgres_base()
    fresh = _postgres_database(base) if base is not None else _sqlite_file(_sqlite_folder)
    with fresh as url:
        yield url


@pytest.fixture
def database_url(request, _migrated_template, _sqlite_folder) -> Iterator[str]:
    """A fresh database for one test, migrated to head and holding no data."""
    if _postgres_base() is not None:
        fresh = request.getfixturevalue("_postgres_reset").fresh()
    else:
        fresh = _sqlite_file(_sqlite_folder, template=_migrated_template)
    with fresh as url:
        yield url


@pytest.fixture
def database(database_url):
    """The process-wide engine on a fresh, migrated database."""
    engine = db.configure(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(database):
    """A unit of work on the test database (committed when the test ends)."""
    with db.session_scope() as s:
        yield s


DATABASE_FIXTURES = {"database_url", "empty_database_url"}  # every database test asks one


def pytest_collection_modifyitems(config, items):
    """With DEALBOT_TESTS=database only the tests that use a database run (CI's second,
    PostgreSQL pass: the others do not depend on the database and already ran)."""
    if os.environ.get("DEALBOT_TESTS") != "database":
        return
    kept = [i for i in items if DATABASE_FIXTURES & set(getattr(i, "fixturenames", ()))]
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept
