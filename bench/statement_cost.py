"""What one small statement costs the app's CPU through each layer it can go through: the
unit of work (`db.session_scope`, as a command's write runs), a read-only one, SQLAlchemy
Core on a connection, and the driver's own cursor. The same one-row read each time (the
workspace's settings stamp, which every `/deal new` reads).

Then a write as the hot path makes them: an activity's INSERT ... RETURNING id (every
change records one; its triggers keep the search index and the deal's last activity),
ten to a unit of work, per insert: as the app makes it (deal_writes.add_activity), the
same statement by session.execute, and the driver's cursor running the SQL SQLAlchemy
compiled once, with its bind processors (what "prepared driver calls" would save).

    python bench/statement_cost.py [--calls 2000] [--database-url URL]

A fresh database holding one workspace, T0BENCH: SQLite in a temporary file by default; a
PostgreSQL URL's database is dropped and created afresh. The calling thread's CPU time,
microseconds per call, best of 3.
"""

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hot_path import recreate
from sqlalchemy.engine import Engine

from bot.workspaces.service import ensure_workspace
from storage import db, deal_writes
from storage.queries import stages
from storage.settings_cache import STAMP

TEAM = "T0BENCH"
INSERTS = 10  # activity inserts per unit of work


def layers(eng: Engine, raw) -> dict[str, Callable[[], object]]:
    """Each way to read the stamp, by name; each returns what it read."""
    marker = "%s" if eng.dialect.name == "postgresql" else "?"
    sql = f"SELECT settings_stamp FROM workspace WHERE team_id = {marker}"
    params = {"team": TEAM}

    def unit(n: int) -> Callable[[], object]:
        def run():
            with db.session_scope() as s:
                return [s.execute(STAMP, params).scalar() for _ in range(n)][-1:] or None
        return run

    def read_only():
        with db.read_scope() as s:
            return [s.execute(STAMP, params).scalar()]

    def core():
        with eng.begin() as conn:
            return [conn.execute(STAMP, params).scalar()]

    def cursor():
        cur = raw.cursor()
        cur.execute(sql, (TEAM,))
        found = [row[0] for row in cur.fetchall()]
        cur.close()
        return found

    return {
        "unit of work, empty": unit(0),
        "unit of work, 1 statement": unit(1),
        "unit of work, 2 statements": unit(2),
        "read-only unit, 1 statement": read_only,
        "Core: engine.begin(), 1 statement": core,
        "the driver's cursor, 1 statement": cursor,
    }


def a_deal() -> int:
    """A deal of TEAM to record activities on; its id."""
    with db.session_scope() as s:
        stage = stages(session=s, team_id=TEAM)[0]
        deal = deal_writes.add_deal(session=s, team_id=TEAM, number=1, name="Bench",
                                    stage_id=stage.id, owner_id="U0", created_by="U0")
        return deal.id


def inserts(eng: Engine, deal_id: int) -> dict[str, Callable[[], list[int]]]:
    """Each way to insert INSERTS notes on the deal in one unit of work, by name; each
    returns the new rows' ids."""
    values = {"team_id": TEAM, "deal_id": deal_id, "actor_id": "U0", "kind": "note",
              "note": "bench"}
    compiled = deal_writes._ACTIVITY.compile(dialect=eng.dialect)
    processors = compiled._bind_processors
    names = compiled.positiontup or list(compiled.bind_names.values())

    def row() -> dict:
        return deal_writes._with_defaults(deal_writes._ACTIVITY_DEFAULTS, dict(values))

    def driver_args(r: dict):
        args = {n: processors[n](r[n]) if n in processors else r[n] for n in names}
        return tuple(args.values()) if compiled.positiontup else args

    def app():
        with db.session_scope() as s:
            return [deal_writes.add_activity(session=s, **values).id for _ in range(INSERTS)]

    def execute():
        with db.session_scope() as s:
            return [s.execute(deal_writes._ACTIVITY, row()).scalar_one()
                    for _ in range(INSERTS)]

    def cursor():
        with db.session_scope() as s:
            cur = s.connection().connection.driver_connection.cursor()
            found = []
            for _ in range(INSERTS):
                cur.execute(str(compiled), driver_args(row()))
                found.append(cur.fetchone()[0])
            cur.close()
            return found

    return {"add_activity (the app's)": app, "session.execute": execute,
            "the driver's cursor, SQL compiled once": cursor}


def best_of_3(fn: Callable[[], object], calls: int) -> float:
    """The calling thread's CPU seconds per call, best of 3 (after 100 calls to warm)."""
    for _ in range(100):
        fn()
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        for _ in range(calls):
            fn()
        best = min(best, time.thread_time() - start)
    return best / calls


def main() -> None:
    """Time each layer and print it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--database-url")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'cost.db'}"
        if args.database_url:
            recreate(url)
        db.upgrade(url)
        eng = db.configure(url)
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)
        raw = eng.raw_connection()
        print(f"database: {eng.dialect.name}; µs of CPU per call, best of 3")
        for name, fn in layers(eng, raw).items():
            print(f"  {name:<40}{best_of_3(fn, args.calls) * 1e6:8.0f}")
        raw.close()
        print(f"an activity's INSERT, {INSERTS} to a unit of work: µs of CPU per insert")
        deal_id = a_deal()
        for name, fn in inserts(eng, deal_id).items():
            per = best_of_3(fn, max(1, args.calls // INSERTS)) / INSERTS
            print(f"  {name:<40}{per * 1e6:8.0f}")
        eng.dispose()


if __name__ == "__main__":
    main()
