"""`activity.next_close_at`: on a close or a reopening (won, lost, reopened), the time of
its deal's next close or reopening after it, in time order (then id), whatever order the
rows were written in; NULL when none follows, and on other kinds.

A deal closed in a period and not reopened since is then a close of the period whose next
close or reopening is at or after the period's end, or none (digest_queries.closes): a
range of ix_activity_team_kind_at, which carries the column, and no per-deal sort of the
period's closes (the newest per deal, by a window on SQLite and DISTINCT ON on PostgreSQL,
as it was read before).

Kept by triggers on activity, as days_in_stage is (storage/days_in_stage.py), whoever
writes the history: a close or reopening written or deleted, or any change of an activity's
time, kind or deal, looks again at the closes of its deal(s), one UPDATE over them (a deal
closes once or twice; the app's "won" looks at that one row). The triggers write only
next_close_at, which no other trigger watches.

Migration 0025 creates the column, fills it and calls `create_triggers`. A later migration
that recreates the activity table on SQLite (Alembic's batch mode drops its triggers) must
call `create_triggers` again.
"""

from storage.ddl import listed, run

CLOSES = ("won", "lost", "reopened")  # the activities that close or open a deal again
_IN = listed(CLOSES)

# The next close or reopening of activity's deal after it in (time, id) order.
_NEXT = (
    f"(SELECT n.at FROM activity AS n WHERE n.deal_id = activity.deal_id AND n.kind IN {_IN} "
    "AND n.at >= activity.at AND (n.at > activity.at OR n.id > activity.id) "
    "ORDER BY n.at LIMIT 1)"
)


def _recompute(conn, row: str) -> str:
    """Look again at the closes of `row`'s deal (`row`: new or old), and write those whose
    next changes only: the newest close, as the app and most imports write it, changes
    its predecessor's alone, and its own NULL stays unwritten."""
    differs = "IS NOT" if conn.dialect.name == "sqlite" else "IS DISTINCT FROM"
    return (
        f"UPDATE activity SET next_close_at = {_NEXT} "
        f"WHERE activity.deal_id = {row}.deal_id AND activity.kind IN {_IN} "
        f"AND activity.next_close_at {differs} {_NEXT};"
    )


_WATCHED = "UPDATE OF at, kind, deal_id ON activity"


def create_triggers(conn) -> None:
    """The triggers that keep activity.next_close_at (dropped first when they exist)."""
    drop_triggers(conn)
    if conn.dialect.name == "sqlite":
        run(conn, "CREATE TRIGGER next_close_ai AFTER INSERT ON activity "
                  f"WHEN new.kind IN {_IN} BEGIN {_recompute(conn, 'new')} END")
        run(conn, "CREATE TRIGGER next_close_ad AFTER DELETE ON activity "
                  f"WHEN old.kind IN {_IN} BEGIN {_recompute(conn, 'old')} END")
        run(conn, f"CREATE TRIGGER next_close_au AFTER {_WATCHED} "
                  f"BEGIN {_recompute(conn, 'old')} {_recompute(conn, 'new')} END")
        return
    run(
        conn,
        "CREATE FUNCTION next_close() RETURNS trigger LANGUAGE plpgsql AS $t$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN {_recompute(conn, 'new')} RETURN NULL; END IF; "
        f"IF TG_OP = 'DELETE' THEN {_recompute(conn, 'old')} RETURN NULL; END IF; "
        f"{_recompute(conn, 'old')} {_recompute(conn, 'new')} RETURN NULL; END $t$",
    )
    run(conn, "CREATE TRIGGER next_close_ai AFTER INSERT ON activity FOR EACH ROW "
              f"WHEN (NEW.kind IN {_IN}) EXECUTE FUNCTION next_close()")
    run(conn, "CREATE TRIGGER next_close_ad AFTER DELETE ON activity FOR EACH ROW "
              f"WHEN (OLD.kind IN {_IN}) EXECUTE FUNCTION next_close()")
    run(conn, f"CREATE TRIGGER next_close_au AFTER {_WATCHED} FOR EACH ROW "
              "EXECUTE FUNCTION next_close()")


def drop_triggers(conn) -> None:
    """The triggers (and on PostgreSQL their function) gone, where they exist."""
    for name in ("ai", "ad", "au"):
        on = "" if conn.dialect.name == "sqlite" else " ON activity"
        run(conn, f"DROP TRIGGER IF EXISTS next_close_{name}{on}")
    if conn.dialect.name != "sqlite":
        run(conn, "DROP FUNCTION IF EXISTS next_close()")


def fill(conn) -> None:
    """Every close's and reopening's next computed from the history (the migration's)."""
    run(conn, f"UPDATE activity SET next_close_at = {_NEXT} WHERE activity.kind IN {_IN};")
