"""`workspace.settings_stamp`: a random number that changes whenever the workspace's row or
any of its stages is written, kept by triggers, so that whatever writes them (a command,
a pipeline switch, an import, another process, a test's own SQL) tells every process's
copy of the workspace and its stages (storage/pipeline_cache.py) that it is out of date.

Random, not a counter: a database emptied and filled again (a test's, a restored backup)
gives the same workspace a new stamp, never one a process may still hold from before.
A write that sets the stamp itself is left as it is; every other write to the workspace's
row sets a new one, as does an insert, update or delete of one of its stages.

Migration 0023 adds the column and calls `create_triggers`. A later migration that
recreates the workspace or stage table on SQLite (Alembic's batch mode drops its triggers)
must call `create_triggers` again.
"""

from storage.ddl import run

_SQLITE_NEW = "UPDATE workspace SET settings_stamp = random() WHERE team_id = {row}.team_id;"
_PG_STAMP = "floor(random() * 9007199254740991)::bigint"


def create_triggers(conn) -> None:
    """The triggers that keep workspace.settings_stamp (dropped first when they exist)."""
    drop_triggers(conn)
    if conn.dialect.name == "sqlite":
        new, old = _SQLITE_NEW.format(row="new"), _SQLITE_NEW.format(row="old")
        run(conn, f"CREATE TRIGGER settings_stamp_wi AFTER INSERT ON workspace BEGIN {new} END")
        run(
            conn,
            "CREATE TRIGGER settings_stamp_wu AFTER UPDATE ON workspace "
            f"WHEN new.settings_stamp IS old.settings_stamp BEGIN {new} END",
        )
        run(conn, f"CREATE TRIGGER settings_stamp_si AFTER INSERT ON stage BEGIN {new} END")
        run(conn, f"CREATE TRIGGER settings_stamp_su AFTER UPDATE ON stage BEGIN {old} {new} END")
        run(conn, f"CREATE TRIGGER settings_stamp_sd AFTER DELETE ON stage BEGIN {old} END")
        return
    run(
        conn,
        "CREATE FUNCTION settings_stamp() RETURNS trigger LANGUAGE plpgsql AS $t$ BEGIN "
        "IF TG_OP = 'INSERT' OR new.settings_stamp IS NOT DISTINCT FROM old.settings_stamp "
        f"THEN new.settings_stamp := {_PG_STAMP}; END IF; RETURN new; END $t$",
    )
    run(
        conn,
        "CREATE TRIGGER settings_stamp BEFORE INSERT OR UPDATE ON workspace "
        "FOR EACH ROW EXECUTE FUNCTION settings_stamp()",
    )
    # The workspace's own trigger gives the stamp: the update only has to touch the row.
    touch = "UPDATE workspace SET name = name WHERE team_id = {row}.team_id;"
    run(
        conn,
        "CREATE FUNCTION stage_settings_stamp() RETURNS trigger LANGUAGE plpgsql AS $t$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {touch.format(row='old')} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {touch.format(row='new')} END IF; RETURN NULL; END $t$",
    )
    run(
        conn,
        "CREATE TRIGGER stage_settings_stamp AFTER INSERT OR UPDATE OR DELETE ON stage "
        "FOR EACH ROW EXECUTE FUNCTION stage_settings_stamp()",
    )
    # The pipeline held shared (queries.hold_pipeline) and then the stamp read, in one call
    # instead of two statements: a function's statements each see what has committed
    # when they start, so the read comes after a switch that held the pipeline.
    run(
        conn,
        "CREATE FUNCTION hold_settings(space integer, team text) RETURNS bigint "
        "LANGUAGE plpgsql VOLATILE AS $t$ BEGIN "
        "PERFORM pg_advisory_xact_lock_shared(space, hashtext(team)); "
        "RETURN (SELECT settings_stamp FROM workspace WHERE team_id = team); END $t$",
    )


def drop_triggers(conn) -> None:
    """The triggers (and on PostgreSQL their functions) gone, where they exist."""
    if conn.dialect.name == "sqlite":
        for name in ("wi", "wu", "si", "su", "sd"):
            run(conn, f"DROP TRIGGER IF EXISTS settings_stamp_{name}")
        return
    run(conn, "DROP TRIGGER IF EXISTS settings_stamp ON workspace")
    run(conn, "DROP TRIGGER IF EXISTS stage_settings_stamp ON stage")
    run(conn, "DROP FUNCTION IF EXISTS settings_stamp()")
    run(conn, "DROP FUNCTION IF EXISTS stage_settings_stamp()")
    run(conn, "DROP FUNCTION IF EXISTS hold_settings(integer, text)")
