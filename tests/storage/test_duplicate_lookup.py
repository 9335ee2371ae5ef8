"""The duplicate warning's lookup (every `/deal new`) when many deals' names share a word,
as company names ending in SRL, Oy or SA do: it still finds a duplicate by its rarer
word, and its work does not grow with the deals sharing the common one (SQLite) or grows
only as they do, never once per deal of the workspace (PostgreSQL, on tables never
analyzed: a new deployment, or the minute after an import). The work is counted, not
timed: SQLite's virtual machine steps, PostgreSQL's rows per plan node."""

import json

from sqlalchemy import event
from sqlmodel import select

from bot.deals import duplicates
from bot.deals import service as deals
from storage import duplicate_queries, import_queries
from storage.models import Stage
from storage.types import utcnow

T = "T0TEST"


def _add_sharing(session, count: int, start: int) -> None:
    """`count` open deals named "FillerN SRL", inserted as an import does."""
    prospect = session.exec(select(Stage).where(Stage.team_id == T, Stage.key == "prospect")).one()
    first = import_queries.allocate_numbers(session=session, team_id=T, count=count)
    now = utcnow()
    rows = [
        {"team_id": T, "number": first + i, "name": f"Filler{start + i} SRL", "currency": "EUR",
         "stage_id": prospect.id, "owner_id": "U0ANN", "created_by": "U0ANN",
         "created_at": now, "updated_at": now, "stage_changed_at": now, "version": 1}
        for i in range(count)
    ]
    import_queries.insert_deals(session=session, team_id=T, rows=rows)


def _work(session, name: str) -> int:
    """What one lookup for `name` costs the database, counted: SQLite's VM steps (in
    hundreds), or on PostgreSQL the rows every node of its plan produced, all loops."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        raw = conn.connection.dbapi_connection
        raw.set_progress_handler(count, 100)
        try:
            duplicates.similar_open(session=session, team_id=T, name=name)
        finally:
            raw.set_progress_handler(None, 100)
        return steps[0]
    ran = []

    def seen(_conn, _cursor, sql, params, _context, _many) -> None:
        if "searchdoc" in sql:
            ran.append((sql, params))

    event.listen(conn, "before_cursor_execute", seen)
    try:
        duplicates.similar_open(session=session, team_id=T, name=name)
    finally:
        event.remove(conn, "before_cursor_execute", seen)
    [(sql, params)] = ran
    plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params).scalar()
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def rows(node: dict) -> int:
        own = node["Actual Rows"] * node["Actual Loops"]
        return own + sum(rows(child) for child in node.get("Plans", []))

    return rows(plan[0]["Plan"])


def test_a_duplicate_is_found_by_its_rarer_word_behind_many_sharing_the_common_one(session):
    deals.create(session=session, team_id=T, actor="U0ANN", name="Acme SRL")
    _add_sharing(session, duplicate_queries.PER_WORD + 100, 0)
    found = duplicates.similar_open(session=session, team_id=T, name="ACME srl")
    assert found == [(1, "Acme SRL")]
    # and the newest of those sharing it, by its own words
    found = duplicates.similar_open(session=session, team_id=T, name="filler299 srl")
    assert found == [(301, "Filler299 SRL")]


def test_the_lookup_does_not_read_every_deal_that_shares_a_word(session):
    deals.create(session=session, team_id=T, actor="U0ANN", name="Acme SRL")
    _add_sharing(session, 300, 0)
    few = _work(session, "Initech SRL")
    _add_sharing(session, 1200, 300)
    many = _work(session, "Initech SRL")
    if session.connection().dialect.name == "sqlite":
        assert many < few * 1.5  # bounded: the newest names sharing "srl" only
    else:
        assert many < 4 * 1501  # each hit read once; a plan per deal read ~200 times as many
