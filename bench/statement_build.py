"""What building an SQLAlchemy statement costs beside running it, for three statements run
all the time, each built on every call and built once with parameters (as the app does):

- the read the outbox makes for every thread line (storage/card_queries.py);
- a stage move's guarded UPDATE ... RETURNING (storage/queries.move_if_at: every move,
  Advance click, win or loss);
- the claim of a request's signature, the replay check every request makes on PostgreSQL
  (and with `serve --workers`): the ORM entity's INSERT ... ON CONFLICT in a session, as
  insert_new built it until issue 15's eleventh round, against the Core statement built
  once, on a Core connection (storage/db.statement_connection).

    python bench/statement_build.py [--calls 3000] [--database-url URL]

One deal in a fresh database (SQLite in a temp file by default); each form runs `--calls`
times (the reads in one read transaction, objects dropped after each; the moves in one
unit of work; each claim on its own); microseconds per call, best of 3: the wall time, and
for the moves and claims the CPU time of the calling thread too (on PostgreSQL the wall
time includes the server's).
"""

import argparse
import secrets
import tempfile
import time
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from storage import card_queries, db, outbox_queries, queries
from storage.models import Deal, SeenRequest
from storage.types import utcnow


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


def move_built_each_call(session, team_id: str, deal_id: int, stages: tuple[int, int]):
    """A stage move's UPDATE as move_if_at built it until the eleventh round: anew, its
    values in it."""
    table, now = Deal.__table__, utcnow()
    q = (
        update(table)
        .where(table.c.id == deal_id, table.c.team_id == team_id, table.c.stage_id == stages[0])
        .values(stage_id=stages[1], stage_changed_at=now, updated_at=now,
                version=table.c.version + 1)
        .returning(*table.c)
    )
    return session.execute(q).first()


def move_built_once(session, team_id: str, deal_id: int, stages: tuple[int, int]):
    """The move as the app makes it (its statement built once per set of columns)."""
    return queries.move_if_at(session=session, team_id=team_id, deal_id=deal_id,
                              from_stage_id=stages[0], to_stage_id=stages[1], now=utcnow())


def claim_orm_built_each_call(signature: str) -> bool:
    """The replay check as it was: the ORM entity's INSERT, built anew, in a session (on
    PostgreSQL on the AUTOCOMMIT engine, on SQLite a unit of work)."""
    eng = db.engine()
    alone = eng.dialect.name == "postgresql"
    with Session(db.autocommit(eng)) if alone else db.session_scope() as s:
        insert = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
        stmt = (
            insert(SeenRequest)
            .values(signature=signature, request_ts=1)
            .on_conflict_do_nothing()
            .returning(SeenRequest.signature)
        )
        return s.execute(stmt).first() is not None


def claim_core_built_once(signature: str) -> bool:
    """The replay check as the front door makes it (bot/runtime/front_door.py)."""
    with db.statement_connection() as conn:
        return outbox_queries.first_sighting(conn=conn, signature=signature, request_ts=1)


def timed(batch, calls: int) -> tuple[float, float]:
    """(wall, thread CPU) microseconds per call of batch() making `calls` calls, best of 3."""
    best = (float("inf"), float("inf"))
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.thread_time()
        batch()
        best = min(best, ((time.perf_counter() - wall) / calls, (time.thread_time() - cpu) / calls))
    return best[0] * 1e6, best[1] * 1e6


def moves(move, deal_id: int, stages: tuple[int, int], calls: int) -> tuple[float, float]:
    """A move there and back, `calls` moves in one unit of work."""
    def batch() -> None:
        with db.session_scope() as s:
            for j in range(calls):
                there = stages if j % 2 == 0 else (stages[1], stages[0])
                assert move(s, "T0BENCH", deal_id, there) is not None

    return timed(batch, calls)


def claims(claim, calls: int) -> tuple[float, float]:
    """`calls` new signatures claimed, each on its own."""
    return timed(lambda: [claim(secrets.token_hex(16)) for _ in range(calls)], calls)


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
            stages = (made.deal.stage_id, queries.stages(session=s, team_id="T0BENCH")[1].id)
        once = per_call(built_once, deal_id, activity_id, args.calls)
        each = per_call(built_each_call, deal_id, activity_id, args.calls)
        print(f"database: {url.split('@')[-1]}")
        print(f"thread line read, statement built on each call: {each:6.0f} us")
        print(f"thread line read, statement built once:         {once:6.0f} us")
        for name, fig in (
            ("stage move, built on each call", moves(move_built_each_call, deal_id, stages,
                                                     args.calls)),
            ("stage move, built once", moves(move_built_once, deal_id, stages, args.calls)),
            ("replay check, ORM, built on each call", claims(claim_orm_built_each_call,
                                                             args.calls)),
            ("replay check, Core, built once", claims(claim_core_built_once, args.calls)),
        ):
            print(f"{name + ':':<40}{fig[0]:6.0f} us, {fig[1]:4.0f} us CPU")
        db.engine().dispose()


if __name__ == "__main__":
    main()
