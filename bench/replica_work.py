"""Where the CPU of more replicas goes: 1 and 3 `dealbot serve` replicas on one PostgreSQL
database, in turns, under saturation; per `/deal new` completed, the apps' CPU, their
context switches, the database's work and Slack's calls.

    python bench/replica_work.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/dealbot_replicas
                                 [--replicas 3] [--rounds 4] [--seconds 8]

Issue 15 asks that 3 replicas' throughput per app CPU-second be within 10 % of one
replica's; bench/load.py measures that ratio. This says why it moves: if the replicas did
more work per command (more transactions, rows or Slack calls), the database's counters
per command (pg_stat_database: commits, rows returned, fetched, inserted, updated) and the
calls would grow with the replicas. If they stay and only the apps' CPU per command grows,
the same work costs more CPU in more processes on the same cores (nonvoluntary context
switches: a process taken off its core while it still had work).

All replicas run throughout (the idle ones' pollers are counted in both rows); each round
sends 16 senders without pause to one replica, then to all of them (the order alternates),
and waits until every card is posted. The database named is dropped and created afresh,
and dropped at the end: name one you do not keep.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from digest_build import postgres as fresh_postgres
from load_apps import Bench, cpu_seconds
from load_send import Bodies, saturate
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.local.standin.remote import RemoteStandIn

COUNTERS = ("xact_commit", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated")
# PostgreSQL 15 and later: a backend adds its counts to pg_stat_database at most once a
# second after a commit, and an idle one within 10 s; read before that, a row's counts are
# short and the next row's long.
STATS_WAIT = 11.0
HEADS = ("commits", "returned", "fetched", "inserted", "updated")  # of COUNTERS, as printed


def database_counters(url: str) -> tuple[int, ...]:
    """pg_stat_database's counters of the database the URL names, read afresh."""
    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), poolclass=NullPool)
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        row = conn.execute(
            text(f"SELECT {', '.join(COUNTERS)} FROM pg_stat_database WHERE datname = :d"),
            {"d": target.database},
        ).one()
    engine.dispose()
    return tuple(row)


def switches(pids: list[int]) -> tuple[int, int]:
    """(voluntary, nonvoluntary) context switches so far of every thread of these processes."""
    counts = [0, 0]
    for pid in pids:
        for status in Path(f"/proc/{pid}/task").glob("*/status"):
            try:
                lines = status.read_text().splitlines()
            except OSError:  # the thread ended meanwhile
                continue
            for line in lines:
                if line.startswith("voluntary_ctxt_switches"):
                    counts[0] += int(line.split()[1])
                elif line.startswith("nonvoluntary_ctxt_switches"):
                    counts[1] += int(line.split()[1])
    return counts[0], counts[1]


def one_row(b: Bench, apps: list, used: int, label: str, seconds: float, wait: float) -> None:
    """Saturate the first `used` replicas and print what each command cost; the database's
    counters are read `wait` seconds after the last card (see STATS_WAIT)."""
    pids = [a.proc.pid for a in apps]
    bodies = Bodies(b.slash, label)
    bodies.fill()
    b.slack.control.settle()
    b.analyze()
    db0, cpu0, sw0 = database_counters(b.url), cpu_seconds(pids), switches(pids)
    calls0 = sum(b.slack.control.counts().values())
    out = saturate(b.poster, [a.url for a in apps[:used]], bodies, 16, seconds)
    b.slack.control.wait_posted(bodies.given, timeout=120)
    b.slack.control.settle()
    cpu1, sw1 = cpu_seconds(pids), switches(pids)
    time.sleep(wait)
    db1 = database_counters(b.url)
    n = max(len(out.times), 1)
    per = [(x - y) / n for x, y in zip(db1, db0, strict=True)]
    calls = (sum(b.slack.control.counts().values()) - calls0) / n
    print(f"{used:>8}{len(out.times):>6}{len(out.times) / out.wall:>7.0f}"
          f"{(cpu1 - cpu0) / n * 1000:>9.2f}{(sw1[0] - sw0[0]) / n:>7.1f}"
          f"{(sw1[1] - sw0[1]) / n:>8.1f}" + "".join(f"{v:>10.2f}" for v in per)
          + f"{calls:>7.2f}{out.failed:>7}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database-url", required=True, help="PostgreSQL (dropped and created)")
    ap.add_argument("--replicas", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=8.0, help="of saturation per row")
    ap.add_argument("--stats-wait", type=float, default=STATS_WAIT,
                    help="seconds before the database's counters are read after a row")
    args = ap.parse_args()
    if not args.database_url.startswith("postgresql"):
        sys.exit("replicas share a PostgreSQL database: give a postgresql+psycopg:// URL")
    with tempfile.TemporaryDirectory() as tmp, RemoteStandIn() as slack:
        fresh_postgres(args.database_url)
        b = Bench(slack, args.database_url, Path(tmp))
        apps = [b.dealbot()] + [b.dealbot(migrate=False) for _ in range(args.replicas - 1)]
        try:
            print(f"per /deal new completed, {args.seconds:g} s of 16 senders a row; "
                  f"{args.replicas} replicas running, the first `used` of them sent to")
            print(f"{'used':>8}{'cmds':>6}{'/s':>7}{'CPU ms':>9}{'vol':>7}{'nonvol':>8}"
                  + "".join(f"{h:>10}" for h in HEADS)
                  + f"{'calls':>7}{'failed':>7}")
            for r in range(args.rounds):
                order = (1, args.replicas) if r % 2 == 0 else (args.replicas, 1)
                for used in order:
                    one_row(b, apps, used, f"replicas {r} {used}", args.seconds,
                            args.stats_wait)
        finally:
            b.stop(list(apps))
            fresh_postgres(args.database_url, create=False)  # a bench database is not kept


if __name__ == "__main__":
    main()
