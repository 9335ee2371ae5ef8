"""Test fixtures: a real, migrated database (SQLite, or PostgreSQL from TEST_DATABASE_URL)."""

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage import db

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _postgres_database(base_url: str):
    """Create a throwaway database beside the one in base_url; yield its URL; drop it."""
    url = make_url(base_url)
    name = f"dealbot_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        db.engine().dispose() if db._engine is not None else None
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def database_url(tmp_path):
    """A fresh, empty database for one test."""
    base = os.environ.get("TEST_DATABASE_URL")
    if base and base.startswith("postgresql"):
        yield from _postgres_database(base)
    else:
        yield f"sqlite:///{tmp_path / 'dealbot.db'}"


@pytest.fixture
def database(database_url):
    """The process-wide engine on a fresh, migrated database."""
    engine = db.configure(database_url)
    db.upgrade()
    yield engine
    engine.dispose()


@pytest.fixture
def session(database):
    """A unit of work on the test database (committed when the test ends)."""
    with db.session_scope() as s:
        yield s
