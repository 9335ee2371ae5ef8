"""Time of the duplicate warning's lookup (every `/deal new`) as a workspace grows, when
its deals' names share a word, as company names ending in SRL, Oy or SA do.

    python bench/duplicate_lookup.py [--sizes 1000,5000,20000] [--calls 30]
                                     [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/dealbot_dupes]

SQLite runs on a temp file. With --database-url the database named there is dropped and
created afresh for each size (it must not be one you keep). Per size: one workspace with
`size` open deals named "<made-up word> SRL", inserted as an import does, then
`similar_open` for another "... SRL" name `--calls` times in one process, one after the
other: the median ms of a call (on SQLite the database's work included; on PostgreSQL the
server works while the call waits, so the wall time counts it). First before any ANALYZE
(a new deployment, or the minute after an import, before autovacuum comes round), then
after one.
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from load_send import names
from sqlalchemy import text
from sqlmodel import select

from bot.deals import duplicates
from bot.workspaces.service import ensure_workspace
from storage import db, import_queries
from storage.models import Stage
from storage.types import utcnow

TEAM = "T0DUPES"


def fresh(url: str | None, size: int, tmp: Path) -> str:
    """An empty, migrated database for one size (PostgreSQL's dropped and created)."""
    if url is None:
        url = f"sqlite:///{tmp / f'dupes_{size}.db'}"
    else:
        from hot_path import recreate

        recreate(url)
    db.configure(url)
    db.upgrade()
    return url


def fill(size: int) -> None:
    """`size` open deals in one workspace, every name ending in SRL."""
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
    insert_open_deals(TEAM, [f"{n.split()[0]} SRL" for n in names(size, f"dupes {size}")])


def insert_open_deals(team_id: str, made: list[str]) -> None:
    """Open deals of these names in the workspace's first stage, inserted as an import
    does (one statement; the search index's triggers index their names)."""
    with db.session_scope() as s:
        first_stage = select(Stage).where(Stage.team_id == team_id, Stage.key == "prospect")
        stage = s.exec(first_stage).one()
        first = import_queries.allocate_numbers(session=s, team_id=team_id, count=len(made))
        now = utcnow()
        rows = [
            {"team_id": team_id, "number": first + i, "name": name, "currency": "EUR",
             "stage_id": stage.id, "owner_id": "U0ANN", "created_by": "U0ANN",
             "created_at": now, "updated_at": now, "stage_changed_at": now, "version": 1}
            for i, name in enumerate(made)
        ]
        import_queries.insert_deals(session=s, team_id=team_id, rows=rows)


def lookup_ms(calls: int) -> float:
    """Median ms of one lookup, for names the workspace does not hold."""
    took = []
    for i in range(calls):
        name = f"{random.Random(i).choice('BDFGKLMNPRSTVZ')}ovela{i} SRL"
        start = time.perf_counter()
        with db.session_scope() as s:
            duplicates.similar_open(session=s, team_id=TEAM, name=name)
        took.append(time.perf_counter() - start)
    return statistics.median(took) * 1000


def main() -> None:
    """Print the figures, one row per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--calls", type=int, default=30)
    ap.add_argument("--database-url")
    args = ap.parse_args()
    print(f"database: {(args.database_url or 'sqlite').split('@')[-1]}")
    print(f"{'deals':>7} {'before ANALYZE':>15} {'after':>8}  (median ms a lookup)")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(x) for x in args.sizes.split(",")):
            fresh(args.database_url, size, Path(tmp))
            fill(size)
            before = lookup_ms(args.calls)
            with db.engine().begin() as conn:
                conn.execute(text("ANALYZE"))
            after = lookup_ms(args.calls)
            db.engine().dispose()
            print(f"{size:>7} {before:>15.2f} {after:>8.2f}")


if __name__ == "__main__":
    main()
