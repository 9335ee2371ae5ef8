"""storage/db.py: units of work that read do not queue behind writers, and never write."""

import threading
from contextlib import nullcontext

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from bot.local.statements import StatementLog
from storage import db
from storage.models import Workspace


@pytest.mark.parametrize("scope", ["read_scope", "single_read"])
def test_a_read_does_not_wait_for_a_writer_that_holds_its_turn(database, scope):
    writing, done = threading.Event(), threading.Event()

    def writer() -> None:
        with db.session_scope() as s:
            s.add(Workspace(team_id="T0WRITER", name="Writer"))
            s.flush()
            writing.set()
            done.wait(10)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert writing.wait(10)
        read = threading.Thread(target=lambda: _count_workspaces(getattr(db, scope)))
        read.start()
        read.join(5)
        # On SQLite a unit of work that writes waits for the one before it to commit;
        # a read reads the last commit beside it (on PostgreSQL both go ahead anyway).
        assert not read.is_alive()
    finally:
        done.set()
        t.join(10)


def _count_workspaces(scope=db.read_scope) -> int:
    with scope() as s:
        return s.execute(text("SELECT count(*) FROM workspace")).scalar_one()


def test_what_a_read_scope_writes_is_never_kept(database):
    # PostgreSQL refuses the write (a READ ONLY transaction, committed so that psycopg keeps
    # its prepared statements); SQLite rolls it back.
    refused = pytest.raises(DBAPIError) if database.dialect.name == "postgresql" else nullcontext()
    with refused, db.read_scope() as s:
        s.add(Workspace(team_id="T0READER", name="Reader"))
        s.flush()
    assert _count_workspaces() == 0


def test_a_read_scope_keeps_postgresql_s_prepared_statements(database):
    if database.dialect.name != "postgresql":
        pytest.skip("psycopg's prepared statements: PostgreSQL only")
    for _ in range(8):  # psycopg prepares a statement on its 5th run on a connection
        with db.read_scope() as s:
            s.exec(select(Workspace).where(Workspace.team_id == "T0READER")).all()
    with db.read_scope() as s:
        prepared = s.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar_one()
    assert prepared > 0


def test_a_single_read_is_one_exchange_with_postgresql(database):
    if database.dialect.name != "postgresql":
        pytest.skip("round trips: PostgreSQL only (on SQLite a single_read is a read_scope)")
    with StatementLog(database) as log, db.single_read() as s:
        assert s.execute(text("SELECT count(*) FROM workspace")).scalar_one() == 0
    before, after = log.split(round_trips=True)
    assert [t.split()[0] for t in before + after] == ["SELECT"]  # no BEGIN, no COMMIT
