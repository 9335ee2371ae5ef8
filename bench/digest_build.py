"""Time and peak memory to build one pipeline digest, for 1,000 to 100,000 deals and 200,000
activities.

    python bench/digest_build.py [--sizes 1000,10000,100000] [--activities 200000] [--runs 5]
                                 [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/dealbot_bench]
                                 [--explain] [--unanalyzed]

SQLite runs on a temp file. With --database-url the database named there is dropped and
created afresh for each size (it must not be one you keep). Per size, one child process
bulk-inserts the data, then another builds the digest (build_digest + digest_blocks, as the
scheduler does) `--runs` times, whole and for one owner, and prints the median (p50), the
best, and the best CPU time of the building process (SQLite's whole work); its
peak RSS (getrusage ru_maxrss: the imports, the pool, the rows read) is the digest's
memory, not the data generator's. --explain prints the plan of every query of the largest
run, slowest first (on PostgreSQL run again under EXPLAIN ANALYZE, BUFFERS). The data is
analyzed (and vacuumed on PostgreSQL) before the builds, as autovacuum would;
--unanalyzed builds on it as a bulk load leaves it, before autovacuum comes round.

To build again on the same data, run the children yourself: `--load URL --sizes N` fills
a database (created empty, or a SQLite file), `--digest URL --runs 3 [--explain]` builds.
"""

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import make_url

from bot.digests.build import Filters, build_digest
from bot.workspaces.service import ensure_workspace
from handlers.digests.blocks import digest_blocks
from storage import db, queries
from storage.models import Activity, Deal

TEAM = "T0BENCH"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
OWNERS = [f"U0REP{i:02d}" for i in range(20)]
SOURCES = ["inbound", "outbound", "referral", "event", "social", None]
BATCH = 20_000
# The index the digest asks for (the lead adds it in a migration): the window's queries read
# one kind of activity (created, moved, won, lost, close) in a time range, skipping the notes.
INDEXES = {
    "ix_activity_team_kind_at":
        "activity (team_id, kind, at, deal_id, from_stage_id, to_stage_id, days_in_stage, "
        "next_close_at)"
}


def postgres(url: str, create: bool = True) -> None:
    """Drop the PostgreSQL database the URL names, and create it afresh when asked."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        if create:
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def fresh_database(url: str | None, size: int, tmp: Path) -> str:
    """An empty database for one size: a new SQLite file, or the PostgreSQL one recreated."""
    if url is None:
        return f"sqlite:///{tmp / f'bench_{size}.db'}"
    postgres(url, create=True)
    return url


def generate(deals: int, activities: int, rnd: random.Random) -> int:
    """Bulk-insert the deals and their histories; the number of activities written."""
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
        stages = queries.stages(session=s, team_id=TEAM)
    opens = [x for x in stages if x.kind == "open"]
    won, lost = (next(x for x in stages if x.kind == k) for k in ("won", "lost"))
    deal_rows, acts = [], []
    for n in range(1, deals + 1):
        created = NOW - timedelta(days=rnd.uniform(0, 365))
        r = rnd.random()
        stage = won if r < 0.25 else lost if r < 0.4 else opens[min(int(rnd.expovariate(0.5)), 6)]
        changed = created + (NOW - created) * rnd.random() if stage != opens[0] else created
        close = (created + timedelta(days=rnd.randint(20, 120))).date()
        deal_rows.append(
            dict(
                id=n,
                team_id=TEAM,
                number=n,
                name=f"Deal {n}",
                currency="USD",
                value_minor=rnd.choice([None, *range(100_000, 10_000_000, 50_000)]),
                stage_id=stage.id,
                owner_id=rnd.choice(OWNERS),
                created_by=OWNERS[0],
                source=rnd.choice(SOURCES),
                close_date=close,
                created_at=created,
                updated_at=changed,
                stage_changed_at=changed,
            )
        )
        # The stages by id and name, as bot/deals/history.record writes them.
        acts.append(
            dict(
                deal_id=n,
                at=created,
                kind="created",
                to_value=opens[0].name,
                to_stage_id=opens[0].id,
            )
        )
        if stage != opens[0]:
            kind = stage.kind if stage.kind != "open" else "moved"
            note = "Price too high" if kind == "lost" else None
            acts.append(
                dict(
                    deal_id=n,
                    at=changed,
                    kind=kind,
                    from_value=opens[0].name,
                    to_value=stage.name,
                    note=note,
                    from_stage_id=opens[0].id,
                    to_stage_id=stage.id,
                )
            )
    while len(acts) < activities:  # notes and close-date changes fill the rest
        d = deal_rows[rnd.randrange(deals)]
        at = d["created_at"] + (NOW - d["created_at"]) * rnd.random()
        if rnd.random() < 0.1:
            acts.append(
                dict(
                    deal_id=d["id"],
                    at=at,
                    kind="close",
                    from_value=str(d["close_date"]),
                    to_value="2026-12-31",
                )
            )
        else:
            acts.append(dict(deal_id=d["id"], at=at, kind="note", note="called"))
    for a in acts:
        for key in ("from_value", "to_value", "note", "from_stage_id", "to_stage_id"):
            a.setdefault(key, None)
        a.update(team_id=TEAM, actor_id=OWNERS[0])
    with db.session_scope() as s:
        for i in range(0, len(deal_rows), BATCH):
            s.execute(insert(Deal), deal_rows[i : i + BATCH])
        for i in range(0, len(acts), BATCH):
            s.execute(insert(Activity), acts[i : i + BATCH])
    return len(acts)


def prepare(with_index: bool, analyze: bool = True) -> None:
    """Create the digest's index unless the schema has it or it is not wanted; then what
    autovacuum does after a bulk insert: ANALYZE, and on PostgreSQL VACUUM too.

    The PostgreSQL server here runs with autovacuum off. With it on (the default), inserting
    this many rows triggers a vacuum of the table (autovacuum_vacuum_insert_threshold, 13+),
    which marks its pages all-visible: index-only scans then skip the table, and the first
    reads no longer set each row's hint bits. Without it the digest read every row it
    reached through an index (0.92 s against 0.64 s at 100k deals, the same code)."""
    with db.engine().connect() as conn:
        if with_index:
            for name, on in INDEXES.items():
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {on}"))
        if analyze and db.engine().dialect.name == "sqlite":
            conn.execute(text("ANALYZE"))
        conn.commit()
    if analyze and db.engine().dialect.name == "postgresql":
        with db.engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))  # outside a transaction, as VACUUM must be


def build(filters: Filters) -> int:
    """Build the digest and its blocks once; the number of blocks."""
    with db.session_scope() as s:
        d = build_digest(
            session=s,
            team_id=TEAM,
            now=NOW,
            since=NOW - timedelta(days=1),
            filters=filters,
            previous=None,
        )
        return len(digest_blocks(d))


def statements(filters: Filters) -> list[tuple[str, object, float]]:
    """(SQL, parameters, seconds) of each query one build runs."""
    seen: list = []

    def before(conn, cursor, sql, params, context, many) -> None:
        context._bench_start = time.perf_counter()

    def after(conn, cursor, sql, params, context, many) -> None:
        seen.append((sql, params, time.perf_counter() - context._bench_start))

    event.listen(db.engine(), "before_cursor_execute", before)
    event.listen(db.engine(), "after_cursor_execute", after)
    try:
        build(filters)
    finally:
        event.remove(db.engine(), "before_cursor_execute", before)
        event.remove(db.engine(), "after_cursor_execute", after)
    return seen


def measure(filters: Filters, runs: int) -> tuple[float, float, float]:
    """Median and best seconds of `runs` builds (after one to warm the caches), and the best
    of this process's CPU seconds (all the work on SQLite; the client's on PostgreSQL): on a
    shared machine the best and the CPU time move least with the others' load."""
    build(filters)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        build(filters)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), min(times), min(cpu)


def explain(ran: list[tuple[str, object, float]]) -> None:
    """Print the plan and time of each query the digest ran, slowest first. PostgreSQL runs
    each again under EXPLAIN (ANALYZE, BUFFERS), after the digest's SET LOCALs (JIT off,
    work_mem) in the same transaction: the actual rows, times, reads and spills."""
    sqlite = db.engine().dialect.name == "sqlite"
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    with db.engine().connect() as conn:
        for sql, _params, _seconds in ran:
            if sql.lstrip().upper().startswith("SET"):
                conn.exec_driver_sql(sql)  # the digest's settings, for its plans
        for sql, params, seconds in sorted(ran, key=lambda r: -r[2]):
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                print(f"\n{seconds * 1000:.1f} ms  {sql}")  # SET LOCAL, BEGIN: no plan
                continue
            rows = conn.exec_driver_sql(prefix + sql, params).all()
            print(f"\n{seconds * 1000:.1f} ms  " + " ".join(sql.split())[:150] + " ...")
            for r in rows:
                print("   ", r[-1])


def load(url: str, size: int, activities: int, with_index: bool, analyze: bool) -> None:
    """Child: the schema and the data for one size; prints the seconds it took."""
    db.configure(url)
    db.upgrade()
    start = time.perf_counter()
    written = generate(size, activities, random.Random(size))
    prepare(with_index, analyze)
    db.engine().dispose()
    print(json.dumps({"written": written, "load": time.perf_counter() - start}))


def digest(url: str, runs: int, explaining: bool) -> None:
    """Child: build the digest `runs` times, whole and for one owner; prints the figures and
    this process's peak RSS."""
    db.configure(url)
    seconds, best, cpu = measure(Filters(), runs)
    owner, owner_best, _ = measure(Filters(owner=OWNERS[3]), runs)
    ran = statements(Filters())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    if explaining:
        explain(ran)
    db.engine().dispose()
    print(
        json.dumps(
            {
                "digest": seconds,
                "best": best,
                "cpu": cpu,
                "owner": owner,
                "owner_best": owner_best,
                "rss": peak,
                "queries": len(ran),
            }
        )
    )


def child(*args: str) -> dict:
    """Run this script as a child process with these arguments; its last line, parsed."""
    out = (
        subprocess.run(
            [sys.executable, __file__, *args], check=True, text=True, stdout=subprocess.PIPE
        )
        .stdout.rstrip()
        .splitlines()
    )
    if out[:-1]:
        print(*out[:-1], sep="\n")  # --explain's plans
    return json.loads(out[-1])


def main() -> None:
    """Run the sizes, each in child processes, and print the table."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--activities", type=int, default=200_000)
    p.add_argument("--runs", type=int, default=5, help="builds per figure; the median is shown")
    p.add_argument("--database-url")
    p.add_argument("--explain", action="store_true")
    p.add_argument("--without-index", action="store_true", help="measure the schema as it is")
    p.add_argument("--unanalyzed", action="store_true",
                   help="no ANALYZE or VACUUM after loading: as before autovacuum comes round")
    p.add_argument("--load", help=argparse.SUPPRESS)  # a child's work: the URL to fill
    p.add_argument("--digest", help=argparse.SUPPRESS)  # a child's work: the URL to read
    args = p.parse_args()
    if args.load:
        return load(args.load, int(args.sizes), args.activities, not args.without_index,
                    not args.unanalyzed)
    if args.digest:
        return digest(args.digest, args.runs, args.explain)
    sizes = [int(x) for x in args.sizes.split(",")]
    print(
        f"{'deals':>8} {'activities':>10} {'load s':>7} {'digest ms':>10} {'best ms':>8} "
        f"{'CPU ms':>7} {'by owner ms':>12} {'best ms':>8} {'peak RSS MB':>12} {'queries':>8}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            url = fresh_database(args.database_url, size, Path(tmp))
            made = child(
                "--load",
                url,
                "--sizes",
                str(size),
                "--activities",
                str(args.activities),
                *(["--without-index"] * args.without_index),
                *(["--unanalyzed"] * args.unanalyzed),
            )
            explaining = ["--explain"] if args.explain and size == max(sizes) else []
            got = child("--digest", url, "--runs", str(args.runs), *explaining)
            print(
                f"{size:>8,} {made['written']:>10,} {made['load']:>7.1f} "
                f"{got['digest'] * 1000:>10.0f} {got['best'] * 1000:>8.0f} "
                f"{got['cpu'] * 1000:>7.0f} {got['owner'] * 1000:>12.0f} "
                f"{got['owner_best'] * 1000:>8.0f} {got['rss']:>12.0f} {got['queries']:>8}",
                flush=True,
            )
    if args.database_url:
        postgres(args.database_url, create=False)
    dialect = make_url(args.database_url).get_backend_name() if args.database_url else "sqlite"
    index = "without" if args.without_index else "with"
    print(
        f"{dialect}, {index} ix_activity_team_kind_at: median and best of {args.runs} builds, "
        "the best CPU time of the building process; its peak RSS (MB)"
    )


if __name__ == "__main__":
    main()
