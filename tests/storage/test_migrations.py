"""Migrations and models agree, and 0002 (BANT) goes up and down with data on both databases."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage import db
from storage.search_schema import not_search_table


@pytest.fixture
def database(empty_database_url):
    """Here the migrations themselves run: an empty database brought to head by each of them."""
    engine = db.configure(empty_database_url)
    db.upgrade()
    yield engine
    engine.dispose()


def _config(engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrated_to(url: str, revision: str):
    """For a fixture: the empty database at `url` migrated up to `revision`; yields (engine,
    Alembic config), and disposes of the engine after."""
    engine = db.configure(url)
    cfg = _config(engine)
    command.upgrade(cfg, revision)
    yield engine, cfg
    engine.dispose()


def test_models_match_the_migrated_schema(database):
    with database.connect() as conn:
        # The search index (0016) is kept by triggers and has no model: left out, as env.py does.
        opts = {"compare_type": True, "include_name": not_search_table}
        ctx = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(ctx, SQLModel.metadata) == []


def test_every_index_the_models_name_is_in_the_migrated_schema(database):
    """The comparison above skips an index on an expression on SQLite (it cannot reflect
    one): here each index's name is looked for, and the quiet deals' index (0026) holds its
    expression on both databases."""
    sqlite = database.dialect.name == "sqlite"
    read = ("SELECT name, sql FROM sqlite_master WHERE type = 'index'" if sqlite
            else "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
    with database.connect() as conn:
        made = {name: (sql or "").lower() for name, sql in conn.execute(text(read))}
    named = {i.name for t in SQLModel.metadata.tables.values() for i in t.indexes}
    assert named - set(made) == set()
    assert "coalesce(last_activity_at, created_at)" in made["ix_deal_team_quiet"]


def test_alembic_check_finds_nothing_to_generate(database):
    command.check(_config(database))  # raises when autogenerate would add an operation


def test_new_columns_get_their_defaults_from_the_database(database):
    with database.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (team_id, name, currency, pipeline_template, "
                "created_at) VALUES ('T1', '', 'USD', 'generic', CURRENT_TIMESTAMP)"
            )
        )
        row = conn.execute(text("SELECT qualify_threshold, strict_qualification FROM workspace"))
        threshold, strict = row.one()
    assert threshold == 3 and not strict


def test_0002_downgrades_and_upgrades_again_with_data(database):
    with database.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (team_id, name, currency, pipeline_template, "
                "created_at) VALUES ('T1', '', 'USD', 'generic', CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO stage (team_id, key, name, position, probability, kind, "
                "active) VALUES ('T1', 'qualified', 'Lead qualified', 0, 10, 'open', "
                "true)"
            )
        )
        stage_id = conn.execute(text("SELECT id FROM stage")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO deal (team_id, number, name, currency, stage_id, owner_id, "
                "created_by, created_at, updated_at, stage_changed_at, version, "
                "qualified, temperature) VALUES ('T1', 1, 'Acme', 'USD', :s, 'U1', "
                "'U1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, "
                "true, 'hot')"
            ),
            {"s": stage_id},
        )
    cfg = _config(database)
    command.downgrade(cfg, "0001")
    found = inspect(database)
    assert "qualification" not in found.get_table_names()
    assert "qualified" not in {c["name"] for c in found.get_columns("deal")}
    assert "qualify_threshold" not in {c["name"] for c in found.get_columns("workspace")}
    command.upgrade(cfg, "head")
    with database.connect() as conn:
        name, qualified = conn.execute(text("SELECT name, qualified FROM deal")).one()
        threshold = conn.execute(text("SELECT qualify_threshold FROM workspace")).scalar_one()
    assert (name, qualified, threshold) == ("Acme", None, 3)
