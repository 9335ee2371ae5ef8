"""`deal.last_activity_at`: the newest `activity.at` of the deal (NULL without any), kept by
triggers on activity so that whatever writes history keeps it right: the ORM
(bot/deals/history.record), a Core bulk insert (import, with old dates in any order), a
delete, a test's own INSERT.

An insert raises the time only when the new activity is newer (an imported old one leaves
it); a delete, or a change of an activity's `at` or deal, recomputes the deal's max from its
rows (ix_activity_deal_at). The triggers update only this column, so the deal's search
triggers (UPDATE OF name, next_step) do not fire.

Migration 0017 creates the column, fills it and calls `create_triggers`. A later migration
that recreates the activity table on SQLite (Alembic's batch mode drops its triggers) must
call `create_triggers` again.
"""

from storage.ddl import run

_RECOMPUTE = (
    "UPDATE deal SET last_activity_at = "
    "(SELECT max(a.at) FROM activity AS a WHERE a.deal_id = deal.id) WHERE deal.id = {row}.deal_id;"
)
_RAISE = (
    "UPDATE deal SET last_activity_at = new.at WHERE deal.id = new.deal_id "
    "AND (last_activity_at IS NULL OR last_activity_at < new.at);"
)


def create_triggers(conn) -> None:
    """The triggers that keep deal.last_activity_at (dropped first when they exist)."""
    drop_triggers(conn)
    old, new = _RECOMPUTE.format(row="old"), _RECOMPUTE.format(row="new")
    if conn.dialect.name == "sqlite":
        run(conn, f"CREATE TRIGGER last_activity_ai AFTER INSERT ON activity BEGIN {_RAISE} END")
        run(
            conn,
            "CREATE TRIGGER last_activity_au AFTER UPDATE OF at, deal_id ON activity "
            f"BEGIN {old} {new} END",
        )
        run(conn, f"CREATE TRIGGER last_activity_ad AFTER DELETE ON activity BEGIN {old} END")
        return
    run(
        conn,
        "CREATE FUNCTION last_activity() RETURNS trigger LANGUAGE plpgsql AS $t$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN {_RAISE} RETURN NULL; END IF; {old} "
        f"IF TG_OP = 'UPDATE' THEN {new} END IF; RETURN NULL; END $t$",
    )
    run(
        conn,
        "CREATE TRIGGER last_activity AFTER INSERT OR DELETE OR UPDATE OF at, deal_id "
        "ON activity FOR EACH ROW EXECUTE FUNCTION last_activity()",
    )


def drop_triggers(conn) -> None:
    """The triggers (and on PostgreSQL their function) gone, where they exist."""
    if conn.dialect.name == "sqlite":
        for when in ("ai", "au", "ad"):
            run(conn, f"DROP TRIGGER IF EXISTS last_activity_{when}")
        return
    run(conn, "DROP TRIGGER IF EXISTS last_activity ON activity")
    run(conn, "DROP FUNCTION IF EXISTS last_activity()")


def fill(conn) -> None:
    """Every deal's last_activity_at computed from its history (the migration's backfill)."""
    run(conn, _RECOMPUTE.replace(" WHERE deal.id = {row}.deal_id", ""))
