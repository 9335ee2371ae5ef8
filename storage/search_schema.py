"""The search index `searchdoc`, kept by triggers: its DDL for SQLite and PostgreSQL.

One row per searchable text, its id `ref * 8 + kind` (KINDS): a deal's name and next
step, a company's name, a contact's name, email and title, a note or thread reply that
is not deleted. Triggers on deal, company, contact and activity rewrite a row in the
same statement (so in the same transaction) as the change, whatever wrote it: the ORM,
a Core UPDATE (undo), a bulk import. SQLite: an FTS5 table; PostgreSQL: a `tsvector`
with a GIN index, `simple` configuration (no stemming: teams write several languages).
Both index the text as `dealbot_fold` folds it (storage/search_text.py).

Migration 0016 creates this. A later migration that recreates one of the four tables on
SQLite (Alembic's batch mode copies a table and drops its triggers) must call
`create_triggers` again.
"""

import re

from storage.ddl import run
from storage.search_text import pg_fold_function, register_sqlite

KINDS = {"name": 1, "next": 2, "company": 3, "contact": 4, "note": 5}
NOTE_KINDS = ("note", "reply")  # activities whose text is searched


def not_search_table(name: str | None, type_: str, _parents: object = None) -> bool:
    """For Alembic's comparisons: the index is the triggers' business, not a model's."""
    return not (type_ == "table" and (name or "").startswith("searchdoc"))


# (table, columns an update must touch, id, team, deal, company, text, condition)
_SOURCES = [
    ("deal", "name", "CAST(id AS BIGINT) * 8 + 1", "team_id", "id", "NULL", "name", "1 = 1"),
    (
        "deal",
        "next_step",
        "CAST(id AS BIGINT) * 8 + 2",
        "team_id",
        "id",
        "NULL",
        "next_step",
        "1 = 1",
    ),
    ("company", "name", "CAST(id AS BIGINT) * 8 + 3", "team_id", "NULL", "id", "name", "1 = 1"),
    (
        "contact",
        "name, email, title, company_id",
        "CAST(id AS BIGINT) * 8 + 4",
        "team_id",
        "NULL",
        "company_id",
        "name || ' ' || coalesce(email, '') || ' ' || coalesce(title, '')",
        "1 = 1",
    ),
    (
        "activity",
        "note, deleted_at, kind",
        "CAST(id AS BIGINT) * 8 + 5",
        "team_id",
        "deal_id",
        "NULL",
        "note",
        f"kind IN ({', '.join(repr(k) for k in NOTE_KINDS)}) AND deleted_at IS NULL",
    ),
]


def _on(row: str, expr: str) -> str:
    """An expression of the source table's columns, read from `new.` or `old.`."""
    out = expr
    for column in (
        "id",
        "team_id",
        "deal_id",
        "company_id",
        "name",
        "next_step",
        "note",
        "email",
        "title",
        "kind",
        "deleted_at",
    ):
        out = _sub(out, column, f"{row}.{column}")
    return out


def _sub(expr: str, column: str, qualified: str) -> str:
    return re.sub(rf"(?<![\w.']){column}(?![\w'])", qualified, expr)


def create(conn) -> None:
    """The table, its index, the fold, the triggers, and every existing text indexed."""
    if conn.dialect.name == "sqlite":
        register_sqlite(conn.connection.driver_connection)
        run(
            conn,
            "CREATE VIRTUAL TABLE searchdoc USING fts5(words, team_id UNINDEXED, "
            "deal_id UNINDEXED, company_id UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
        )
    else:
        run(conn, pg_fold_function())
        run(
            conn,
            "CREATE TABLE searchdoc (id bigint PRIMARY KEY, team_id varchar(32) NOT "
            "NULL, deal_id integer, company_id integer, words tsvector NOT NULL)",
        )
        run(conn, "CREATE INDEX ix_searchdoc_words ON searchdoc USING gin (words)")
    create_triggers(conn)
    for table, _cols, doc, team, deal, company, body, cond in _SOURCES:
        words = _words(conn, body)
        run(
            conn,
            f"INSERT INTO searchdoc ({_id(conn)}, team_id, deal_id, company_id, words) "
            f"SELECT {doc}, {team}, {deal}, {company}, {words} FROM {table} "
            f"WHERE {cond} AND coalesce({body}, '') <> ''",
        )


def _id(conn) -> str:
    return "rowid" if conn.dialect.name == "sqlite" else "id"


def _words(conn, body: str) -> str:
    if conn.dialect.name == "sqlite":
        return f"dealbot_fold({body})"
    return f"to_tsvector('simple', dealbot_fold({body}))"


def create_triggers(conn) -> None:
    """The triggers that keep searchdoc current (dropped first when they exist)."""
    drop_triggers(conn)
    for table in ("deal", "company", "contact", "activity"):
        parts = [s for s in _SOURCES if s[0] == table]
        if conn.dialect.name == "sqlite":
            _sqlite_triggers(conn, table, parts)
        else:
            _pg_trigger(conn, table, parts)


def _doc_values(conn, row: str, part: tuple) -> str:
    _t, _c, doc, team, deal, company, body, _cond = part
    return ", ".join(_on(row, x) for x in (doc, team, deal, company, _words(conn, body)))


def _sqlite_triggers(conn, table: str, parts: list[tuple]) -> None:
    deletes = " ".join(f"DELETE FROM searchdoc WHERE rowid = {_on('old', p[2])};" for p in parts)
    inserts = " ".join(
        f"INSERT INTO searchdoc (rowid, team_id, deal_id, company_id, words) "
        f"SELECT {_doc_values(conn, 'new', p)} WHERE {_on('new', p[7])} "
        f"AND coalesce({_on('new', p[6])}, '') <> '';"
        for p in parts
    )
    columns = ", ".join(dict.fromkeys(c.strip() for p in parts for c in p[1].split(",")))
    run(conn, f"CREATE TRIGGER searchdoc_{table}_ai AFTER INSERT ON {table} BEGIN {inserts} END")
    run(
        conn,
        f"CREATE TRIGGER searchdoc_{table}_au AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {deletes} {inserts} END",
    )
    run(conn, f"CREATE TRIGGER searchdoc_{table}_ad AFTER DELETE ON {table} BEGIN {deletes} END")


def _pg_trigger(conn, table: str, parts: list[tuple]) -> None:
    deletes = " ".join(f"DELETE FROM searchdoc WHERE id = {_on('old', p[2])};" for p in parts)
    upserts = " ".join(
        f"IF {_on('new', p[7])} AND coalesce({_on('new', p[6])}, '') <> '' THEN "
        f"INSERT INTO searchdoc (id, team_id, deal_id, company_id, words) VALUES "
        f"({_doc_values(conn, 'new', p)}) "
        f"ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, deal_id = "
        f"excluded.deal_id, company_id = excluded.company_id, words = excluded.words; "
        f"ELSE DELETE FROM searchdoc WHERE id = {_on('new', p[2])}; END IF;"
        for p in parts
    )
    columns = ", ".join(dict.fromkeys(c.strip() for p in parts for c in p[1].split(",")))
    run(
        conn,
        f"CREATE FUNCTION searchdoc_{table}() RETURNS trigger LANGUAGE plpgsql AS $t$ "
        f"BEGIN IF TG_OP = 'DELETE' THEN {deletes} RETURN old; END IF; {upserts} "
        f"RETURN new; END $t$",
    )
    run(
        conn,
        f"CREATE TRIGGER searchdoc_{table} AFTER INSERT OR DELETE OR UPDATE OF "
        f"{columns} ON {table} FOR EACH ROW EXECUTE FUNCTION searchdoc_{table}()",
    )


def drop_triggers(conn) -> None:
    """The triggers (and on PostgreSQL their functions) gone, where they exist."""
    for table in ("deal", "company", "contact", "activity"):
        if conn.dialect.name == "sqlite":
            for when in ("ai", "au", "ad"):
                run(conn, f"DROP TRIGGER IF EXISTS searchdoc_{table}_{when}")
        else:
            run(conn, f"DROP TRIGGER IF EXISTS searchdoc_{table} ON {table}")
            run(conn, f"DROP FUNCTION IF EXISTS searchdoc_{table}()")


def drop(conn) -> None:
    """Everything `create` made."""
    drop_triggers(conn)
    run(conn, "DROP TABLE IF EXISTS searchdoc")
    if conn.dialect.name != "sqlite":
        run(conn, "DROP FUNCTION IF EXISTS dealbot_fold(text)")
