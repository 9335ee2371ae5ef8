"""Test fixtures: a real, migrated database (SQLite, or PostgreSQL from TEST_DATABASE_URL).

Every migration runs once per session, into a template; each test gets a copy of it (a file
copy on SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL). Tests of the migrations
themselves start from `empty_database_url` and run them.
"""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

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


class _PostgresCopies:
    """Each test's copy of the template, made one test ahead and dropped behind, off the test.

    `CREATE DATABASE ... TEMPLATE` and `DROP DATABASE` cost the server a few hundred
    milliseconds; one worker thread does them while tests run, so a test waits only for
    what is not done yet.
    """

    def __init__(self, base: URL, template: str) -> None:
        self.base, self.template = base, template
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT")
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="test-databases")
        self.drops: list[Future] = []
        self.ahead = self.worker.submit(self._create)

    def _run(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def _create(self) -> str:
        name = f"dealbot_test_{uuid.uuid4().hex[:10]}"
        self._run(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name

    @contextmanager
    def copy(self) -> Iterator[str]:
        """A fresh copy for one test; it is dropped (WITH (FORCE)) when the test is done."""
        name = self.ahead.result()
        self.ahead = self.worker.submit(self._create)
        try:
            yield self.base.set(database=name).render_as_string(hide_password=False)
        finally:
            _dispose_app_engine()
            self.drops.append(self.worker.submit(self._run, f'DROP DATABASE "{name}" WITH (FORCE)'))

    def close(self) -> None:
        """Drop the copy made ahead, wait for every drop, and say if one failed."""
        name = self.ahead.result()
        self.drops.append(self.worker.submit(self._run, f'DROP DATABASE "{name}" WITH (FORCE)'))
        self.worker.shutdown(wait=True)
        self.admin.dispose()
        for dropped in self.drops:
            dropped.result()


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
    """Once per session: a database every migration has run on (a file path or a db name)."""
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
def _postgres_copies(_migrated_template) -> Iterator[_PostgresCopies]:
    """Per-test copies of the PostgreSQL template (only when testing on PostgreSQL)."""
    copies = _PostgresCopies(_postgres_base(), _migrated_template)
    yield copies
    copies.close()


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
        fresh = request.getfixturevalue("_postgres_copies").copy()
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
