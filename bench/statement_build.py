"""What building an SQLAlchemy statement costs beside running it: the deal read the outbox
makes for every card and thread line, built on each call (as dealbot did) and built once
with parameters (as storage/shortcut_queries.py does now).

    python bench/statement_build.py [--calls 3000] [--database-url URL]

One deal in a fresh database (SQLite in a temp file by default); both forms run `--calls`
times in one read transaction, objects dropped after each; microseconds per call, best of 3.
"""

import argparse
import tempfile
import time
from pathlib import Path

from sqlmodel import col, select

from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from storage import db
from storage.models import Activity, Deal
from storage.shortcut_queries import FROM_MESSAGE, deal_with_origin


def built_each_call(session, team_id: str, deal_id: int):
    """The same statement as deal_with_origin's, built anew."""
    q = (
        select(Deal, Activity.message_ts, Activity.from_value)
        .outerjoin(
            Activity,
            (col(Activity.deal_id) == Deal.id)
            & (col(Activity.team_id) == Deal.team_id)
            & (col(Activity.kind) == FROM_MESSAGE),
        )
        .where(col(Deal.id) == deal_id, col(Deal.team_id) == team_id)
        .order_by(col(Activity.id))
        .limit(1)
    )
    return session.exec(q).first()


def per_call(read, deal_id: int, calls: int) -> float:
    """Microseconds per call, best of three runs."""
    best = float("inf")
    for _ in range(3):
        with db.read_scope() as s:
            start = time.perf_counter()
            for _ in range(calls):
                read(s, "T0BENCH", deal_id)
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
            deal_id = deals.create(session=s, team_id="T0BENCH", actor="U0A", name="Acme").deal.id
        once = per_call(
            lambda s, t, d: deal_with_origin(session=s, team_id=t, deal_id=d), deal_id, args.calls
        )
        each = per_call(built_each_call, deal_id, args.calls)
        print(f"database: {url.split('@')[-1]}")
        print(f"deal read, statement built on each call: {each:6.0f} us")
        print(f"deal read, statement built once:         {once:6.0f} us")
        db.engine().dispose()


if __name__ == "__main__":
    main()
