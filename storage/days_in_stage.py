"""`activity.days_in_stage`: on a move out of a stage (moved, won, lost), the days
(fractional) the deal spent in the stage it left, since its newest entry (created, moved or
reopened) before the move, in time order (then id), whatever order the rows were written
in; NULL on other kinds and where no entry came before. The digest's and reports' time in
stage is then a sum over the period's moves read from one index (metric_queries.stage_days),
not a lookup per move, nor two dates turned into days per move.

Kept by triggers on activity, so that every writer keeps it right, as deal.last_activity_at
is (storage/last_activity.py): the app, `dealbot import`'s bulk insert of old history in any
order, undo, a test's own INSERT.
- A move out written: its own entry looked up (ix_activity_deal_at: deal, time): one seek.
  PostgreSQL sets it before the row is written; SQLite, which cannot, updates the row after.
- An entry written: the deal's moves out after it looked up again. As the app writes, the
  newest entry has none after it: one seek that finds nothing. An import writing a deal's
  history newest first puts each move right as its entry arrives.
- A delete of an entry, or a change of an activity's time, kind or deal: the moves out of
  the deal(s) looked up again (rare: undo, corrections).
The triggers write only days_in_stage, which no other trigger watches.

Migration 0024 creates the column, fills it and calls `create_triggers`. A later migration
that recreates the activity table on SQLite (Alembic's batch mode drops its triggers) must
call `create_triggers` again.
"""

from storage.ddl import listed, run

ENTRIES = ("created", "moved", "reopened")  # the activities that put a deal in a stage
OUTS = ("moved", "won", "lost")  # the activities that take it out of one


def _days(conn, row: str) -> str:
    """The days from the newest entry before `row` (a table name or new), in its deal's
    rows, to `row`; NULL where there is none."""
    entered = (
        f"(SELECT e.at FROM activity AS e WHERE e.deal_id = {row}.deal_id "
        f"AND e.kind IN {listed(ENTRIES)} AND e.at <= {row}.at "
        f"AND (e.at < {row}.at OR e.id < {row}.id) ORDER BY e.at DESC LIMIT 1)"
    )
    if conn.dialect.name == "sqlite":
        return f"julianday({row}.at) - julianday({entered})"
    return f"extract(epoch FROM {row}.at - {entered}) / 86400.0"


def _recompute(conn, row: str, after: bool) -> str:
    """Look again at the moves out of `row`'s deal (after `row` only, when `after`)."""
    later = (
        f" AND (activity.at > {row}.at OR (activity.at = {row}.at AND activity.id > {row}.id))"
        if after
        else ""
    )
    return (
        f"UPDATE activity SET days_in_stage = {_days(conn, 'activity')} "
        f"WHERE activity.deal_id = {row}.deal_id AND activity.kind IN {listed(OUTS)}{later};"
    )


_WATCHED = "UPDATE OF at, kind, deal_id ON activity"


def create_triggers(conn) -> None:
    """The triggers that keep activity.days_in_stage (dropped first when they exist)."""
    drop_triggers(conn)
    if conn.dialect.name == "sqlite":
        own = f"UPDATE activity SET days_in_stage = {_days(conn, 'activity')} WHERE id = new.id;"
        later = _recompute(conn, "new", True)
        for name, kinds, sql in (("out", OUTS, own), ("entry", ENTRIES, later)):
            run(conn, f"CREATE TRIGGER days_in_stage_ai_{name} AFTER INSERT ON activity "
                      f"WHEN new.kind IN {listed(kinds)} BEGIN {sql} END")
        run(conn, f"CREATE TRIGGER days_in_stage_ad AFTER DELETE ON activity "
                  f"WHEN old.kind IN {listed(ENTRIES)} BEGIN {_recompute(conn, 'old', True)} END")
        run(conn, f"CREATE TRIGGER days_in_stage_au AFTER {_WATCHED} "
                  f"BEGIN {_recompute(conn, 'old', False)} {_recompute(conn, 'new', False)} END")
        return
    run(
        conn,
        "CREATE FUNCTION days_in_stage_own() RETURNS trigger LANGUAGE plpgsql AS $t$ BEGIN "
        f"NEW.days_in_stage := {_days(conn, 'NEW')}; RETURN NEW; END $t$",
    )
    run(
        conn,
        "CREATE TRIGGER days_in_stage_own BEFORE INSERT ON activity FOR EACH ROW "
        f"WHEN (NEW.kind IN {listed(OUTS)}) EXECUTE FUNCTION days_in_stage_own()",
    )
    run(
        conn,
        "CREATE FUNCTION days_in_stage() RETURNS trigger LANGUAGE plpgsql AS $t$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN {_recompute(conn, 'new', True)} RETURN NULL; END IF; "
        f"IF TG_OP = 'DELETE' THEN {_recompute(conn, 'old', True)} RETURN NULL; END IF; "
        f"{_recompute(conn, 'old', False)} {_recompute(conn, 'new', False)} RETURN NULL; END $t$",
    )
    run(conn, "CREATE TRIGGER days_in_stage_ai AFTER INSERT ON activity FOR EACH ROW "
              f"WHEN (NEW.kind IN {listed(ENTRIES)}) EXECUTE FUNCTION days_in_stage()")
    run(conn, "CREATE TRIGGER days_in_stage_ad AFTER DELETE ON activity FOR EACH ROW "
              f"WHEN (OLD.kind IN {listed(ENTRIES)}) EXECUTE FUNCTION days_in_stage()")
    run(conn, f"CREATE TRIGGER days_in_stage_au AFTER {_WATCHED} FOR EACH ROW "
              "EXECUTE FUNCTION days_in_stage()")


def drop_triggers(conn) -> None:
    """The triggers (and on PostgreSQL their functions) gone, where they exist."""
    if conn.dialect.name == "sqlite":
        for name in ("ai_out", "ai_entry", "ad", "au"):
            run(conn, f"DROP TRIGGER IF EXISTS days_in_stage_{name}")
        return
    for name in ("own", "ai", "ad", "au"):
        run(conn, f"DROP TRIGGER IF EXISTS days_in_stage_{name} ON activity")
    run(conn, "DROP FUNCTION IF EXISTS days_in_stage_own()")
    run(conn, "DROP FUNCTION IF EXISTS days_in_stage()")


def fill(conn) -> None:
    """Every move out's days computed from the history (the migration's backfill)."""
    run(conn, f"UPDATE activity SET days_in_stage = {_days(conn, 'activity')} "
              f"WHERE activity.kind IN {listed(OUTS)};")
