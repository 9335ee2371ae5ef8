"""0012: name-based stage history rows get stage ids, on SQLite and PostgreSQL."""

import pytest
from alembic import command
from sqlalchemy import inspect, text

from tests.storage.test_migrations import migrated_to


@pytest.fixture
def at_0011(empty_database_url):
    """An empty database migrated up to 0011, before stage ids."""
    yield from migrated_to(empty_database_url, "0011")


def _seed(conn) -> dict[str, int]:
    conn.execute(
        text(
            "INSERT INTO workspace (team_id, name, currency, pipeline_template, deal_seq, "
            "created_at) VALUES ('T1', '', 'USD', 'generic', 1, CURRENT_TIMESTAMP), "
            "('T2', '', 'USD', 'generic', 0, CURRENT_TIMESTAMP)"
        )
    )
    stages = [
        ("T1", "prospect", "Prospect identified", 0, True),
        ("T1", "proposal", "Proposal received", 1, True),
        ("T1", "old", "Proposal received", 2, False),  # a retired namesake
        ("T2", "prospect", "Prospect identified", 0, True),
    ]
    for team, key, name, pos, active in stages:
        conn.execute(
            text(
                "INSERT INTO stage (team_id, key, name, position, probability, kind, active) "
                "VALUES (:t, :k, :n, :p, 10, 'open', :a)"
            ),
            {"t": team, "k": key, "n": name, "p": pos, "a": active},
        )
    ids = {f"{t}:{k}": i for t, k, i in conn.execute(text("SELECT team_id, key, id FROM stage"))}
    conn.execute(
        text(
            "INSERT INTO deal (team_id, number, name, currency, stage_id, owner_id, created_by, "
            "created_at, updated_at, stage_changed_at, version) VALUES ('T1', 1, 'Acme', 'USD', "
            ":s, 'U1', 'U1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
        ),
        {"s": ids["T1:proposal"]},
    )
    deal = conn.execute(text("SELECT id FROM deal")).scalar_one()
    rows = [
        ("created", None, "Prospect identified"),
        ("moved", "Prospect identified", "Proposal received"),
        ("moved", "Proposal received", "Demo booked"),  # no stage has that name
        ("value", "$1", "$2"),  # not a stage row: untouched
        ("won", "Proposal received", "Won"),
    ]  # no Won stage in this workspace
    for kind, frm, to in rows:
        conn.execute(
            text(
                "INSERT INTO activity (team_id, deal_id, actor_id, at, kind, from_value, to_value) "
                "VALUES ('T1', :d, 'U1', CURRENT_TIMESTAMP, :k, :f, :t)"
            ),
            {"d": deal, "k": kind, "f": frm, "t": to},
        )
    return ids


def test_0012_gives_stage_rows_ids_by_name_and_keeps_unmatched_names(at_0011):
    engine, cfg = at_0011
    with engine.begin() as conn:
        ids = _seed(conn)
    command.upgrade(cfg, "0012")
    with engine.connect() as conn:
        got = conn.execute(
            text(
                "SELECT kind, from_value, to_value, from_stage_id, to_stage_id FROM activity "
                "ORDER BY id"
            )
        ).all()
    prospect, proposal = ids["T1:prospect"], ids["T1:proposal"]
    assert [tuple(r) for r in got] == [
        ("created", None, "Prospect identified", None, prospect),
        ("moved", "Prospect identified", "Proposal received", prospect, proposal),
        ("moved", "Proposal received", "Demo booked", proposal, None),
        ("value", "$1", "$2", None, None),
        ("won", "Proposal received", "Won", proposal, None),
    ]
    assert "stagechange" in inspect(engine).get_table_names()


def test_0012_goes_down_and_up_again_keeping_history(at_0011):
    engine, cfg = at_0011
    with engine.begin() as conn:
        _seed(conn)
    command.upgrade(cfg, "0012")
    command.downgrade(cfg, "0011")
    found = inspect(engine)
    assert "stagechange" not in found.get_table_names()
    assert "to_stage_id" not in {c["name"] for c in found.get_columns("activity")}
    assert {i["name"] for i in found.get_indexes("activity")} >= {"ux_activity_deal_message"}
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM activity WHERE to_stage_id IS NOT NULL"))
        assert count.scalar_one() == 2
