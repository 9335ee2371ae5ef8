"""What one small statement costs the app's CPU through each layer it can go through: the
unit of work (`db.session_scope`, as a command's write runs), a read-only one, SQLAlchemy
Core on a connection, and the driver's own cursor. The same one-row read each time (the
workspace's settings stamp, which every `/deal new` reads).

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
from storage import db
from storage.settings_cache import STAMP

TEAM = "T0BENCH"


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
            for _ in range(100):
                fn()
            best = float("inf")
            for _ in range(3):
                start = time.thread_time()
                for _ in range(args.calls):
                    fn()
                best = min(best, time.thread_time() - start)
            print(f"  {name:<36}{best / args.calls * 1e6:8.0f}")
        raw.close()
        eng.dispose()


if __name__ == "__main__":
    main()
