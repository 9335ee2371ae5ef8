"""What building an SQLAlchemy statement costs beside running it: the read the outbox
makes for every thread line (storage/card_queries.py: the deal's place and the activity),
built on each call and built once with parameters (as card_queries does).

    python bench/statement_build.py [--calls 3000] [--database-url URL]

One deal in a fresh database (SQLite in a temp file by default); both forms run `--calls`
times in one read transaction, objects dropped after each; microseconds per call, best of 3.
"""

import argparse
import tempfile
import time
from pathlib import Path

from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from storage import card_queries, db


def _params(team_id: str, deal_id: int, activity_id: int | None) -> dict:
    return {"team": team_id, "deal": deal_id, "activity": activity_id}


def built_each_call(session, team_id: str, deal_id: int, activity_id: int | None):
    """The thread line's read, its statement built anew (card_queries' own builder)."""
    stmt = card_queries._line(session.get_bind().dialect.name == "sqlite")
    return session.execute(stmt, _params(team_id, deal_id, activity_id)).first()


def built_once(session, team_id: str, deal_id: int, activity_id: int | None):
    """The thread line's read as the outbox runs it: the statement card_queries built."""
    stmt = card_queries._LINE[session.get_bind().dialect.name]
    return session.execute(stmt, _params(team_id, deal_id, activity_id)).first()


def per_call(read, deal_id: int, activity_id: int, calls: int) -> float:
    """Microseconds per call, best of three runs."""
    best = float("inf")
    for _ in range(3):
        with db.read_scope() as s:
            start = time.perf_counter()
            for _ in range(calls):
                read(s, "T0BENCH", deal_id, activity_id)
                s.expunge_all()
            best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e6


def main() -> None:
    """Print both figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--database-url")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'build.db'}"
        db.configure(url)
        db.upgrade(url)
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id="T0BENCH")
        with db.session_scope() as s:
            made = deals.create(session=s, team_id="T0BENCH", actor="U0A", name="Acme")
            deal_id, activity_id = made.deal.id, made.last.id
        once = per_call(built_once, deal_id, activity_id, args.calls)
        each = per_call(built_each_call, deal_id, activity_id, args.calls)
        print(f"database: {url.split('@')[-1]}")
        print(f"thread line read, statement built on each call: {each:6.0f} us")
        print(f"thread line read, statement built once:         {once:6.0f} us")
        db.engine().dispose()


if __name__ == "__main__":
    main()
