"""Claims: a row inserted unless its unique key exists, the one way dealbot makes sure that
of two concurrent attempts only one goes on (a workspace's first use, a handled event, a
digest's or a nudge's run, a reply in a thread, a request's signature), on SQLite and
PostgreSQL alike."""

import functools

from sqlalchemy import Column, Connection, Dialect, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def insert_new(*, session: Session, column, **values):
    """Insert a row unless its unique key exists; `column` of the new row, or None: of two
    concurrent inserts only one gets a value back."""
    row = session.execute(_insert_new(session.get_bind().dialect, column, values), values).first()
    return None if row is None else row[0]


def insert_new_on(conn: Connection, column, **values):
    """insert_new on a Core connection, with no session (a claim that stands alone)."""
    row = conn.execute(_insert_new(conn.dialect, column, values), values).first()
    return None if row is None else row[0]


def _insert_new(dialect: Dialect, column, values: dict):
    """insert_new's statement for these columns."""
    return _built_insert_new(dialect.name, column.property.columns[0], frozenset(values))


@functools.cache
def _built_insert_new(dialect: str, returned: Column, keys: frozenset[str]):
    """insert_new's statement, built once per table and set of columns: a Core INSERT of
    the table (an INSERT of the ORM entity goes through the ORM's bulk insert, and building
    the statement anew each time cost more than running it: 1 ms of CPU a request on
    PostgreSQL, where every request's signature is claimed with it)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = returned.table
    values = {k: bindparam(k, type_=table.c[k].type) for k in sorted(keys)}
    return insert(table).values(values).on_conflict_do_nothing().returning(returned)
