"""Any number of replicas may start together on an empty database: one migrates, the
others wait on the migration lock and find the schema done."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from storage import db

ROOT = Path(__file__).resolve().parents[2]


def test_four_replicas_upgrading_an_empty_database_at_once_all_succeed(empty_database_url):
    env = {**os.environ, "DATABASE_URL": empty_database_url, "LOG_LEVEL": "WARNING"}
    replicas = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "db", "upgrade"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [(p.wait(120), *p.communicate()) for p in replicas]
    head = db.head_revision()
    assert [r[0] for r in results] == [0, 0, 0, 0], [r[2] for r in results]
    outs = sorted(r[1] for r in results)
    assert outs == [f"database is up to date (revision {head})\n"] * 3 + [
        f"database upgraded from revision none to {head}\n"
    ]
    assert all(r[2] == "" for r in results)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    finally:
        engine.dispose()
    assert versions == [(head,)]


def test_the_lock_makes_a_second_migrator_wait(empty_database_url):
    engine = db.make_engine(empty_database_url)
    entered: list[str] = []
    try:
        with db.migration_lock(engine):
            other = threading.Thread(target=_take, args=(empty_database_url, entered))
            other.start()
            time.sleep(0.3)  # giving the other migrator time to (wrongly) get in
            assert entered == []
        other.join(10)
    finally:
        engine.dispose()
    assert entered == ["in"]


def _take(url: str, entered: list[str]) -> None:
    engine = db.make_engine(url)
    try:
        with db.migration_lock(engine):
            entered.append("in")
    finally:
        engine.dispose()
