"""Every figure of issue 15 in one run: ack latency, app CPU per command, ceilings, digest.

    python bench/load.py [--database-url URL] [--quick]

Processes: the Slack stand-in in one (`python -m bot.local.standin`), each app in its own
(`dealbot serve --threads 8`, and bench/bare_bolt.py, a Bolt app whose /ping only acks),
the senders in this one. With --database-url (PostgreSQL) the database named there is
dropped and created afresh, and `<name>_digest` is used (and dropped) by the digest part:
name a database you do not keep. Without it, SQLite files in a temporary directory.

1. Latency: the bare /ping, `/deal new`, and an Advance click (each on a fresh card) from 1
   and from 8 senders without pause (closed loop: timed from the send) and at a steady rate
   (open loop: sent on a schedule whatever the answers do, timed from the scheduled
   moment): p50/p99 of the ack, and the app's CPU ms per command (the process's CPU time
   with its children's, read from /proc, from the first send until Slack saw no call for
   0.3 s, divided by the commands).
2. Ceiling: `/deal new` completed per second under saturation (16 senders without pause,
   spread over the processes) for 1, 2, 3 replicas (separate `dealbot serve` on one
   PostgreSQL) and `--workers 1/2/3` when `dealbot serve` has it; the clock stops when the
   last Slack call of the last command (its card) was answered.
3. Digest: bench/digest_build.py, which reports the build time and the building process's
   peak RSS for each size.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from digest_build import postgres as fresh_postgres  # one way to recreate a bench database
from load_apps import (
    BENCH,
    Bench,
    cpu_seconds,
    has_workers_option,
    own_cpu,
    start_bare,
)
from load_send import Bodies, closed_loop, names, open_loop, saturate
from sqlalchemy.engine import make_url

from bot.local.standin.remote import RemoteStandIn

QUICK = dict(requests=30, seconds=1.5, ceiling=2.0, sizes="1000", activities=2000)
FULL = dict(requests=400, seconds=10.0, ceiling=10.0, sizes="1000,10000,100000",
            activities=None)


def num(x: float, width: int, places: int = 1) -> str:
    """x right-aligned in `width` columns, with fewer decimals when it would not fit."""
    for p in range(places, -1, -1):
        out = f"{x:.{p}f}"
        if len(out) < width:
            break
    return f"{out:>{width}}"


def latency(b: Bench, bare, app, opts: dict, rate: float) -> None:
    """Section 1: every command at every load, beside the bare /ping in the same run."""
    n, steady = opts["requests"], max(2, int(rate * opts["seconds"]))
    print(f"\n1. Ack latency (ms) and app CPU per command; closed loop timed from each send, "
          f"{rate:g}/s open loop from each scheduled send")
    print(f"{'load':<13}{'command':<17}{'n':>5}{'p50':>8}{'p99':>8}{'p50 x':>7}{'p99 x':>7}"
          f"{'CPU ms':>8}{'over 3s':>8}{'failed':>7}")
    loads = [("1 sender", 1, n // 2), ("8 senders", 8, n), (f"{rate:g}/s steady", None, steady)]
    for li, (name, senders, count) in enumerate(loads):
        base = None
        for command in ("bare /ping", "/deal new", "Advance click"):
            target = bare if command == "bare /ping" else app
            made = names(count, f"new {li}") if command == "/deal new" else []
            if command == "bare /ping":
                bodies = b.slash([""] * count, "/ping")
            elif command == "/deal new":
                bodies = b.slash([f"new {x} 12k" for x in made])
            else:
                bodies = b.cards(app.url, str(li), count)

            def send(bodies=bodies, url=target.url, senders=senders):
                if senders is None:
                    return open_loop(b.poster, [url], bodies, rate)
                return closed_loop(b.poster, [url], bodies, senders)

            clicks = len(bodies) if command == "Advance click" else 0
            out, cpu = b.measured([target.proc.pid], send, cards=made, updates=clicks)
            p50, p99 = out.pct(50), out.pct(99)
            base = base or (p50, p99)
            cpu_ms = cpu * 1000 / max(1, len(bodies))
            print(f"{name:<13}{command:<17}{len(bodies):>5}{num(p50, 8)}{num(p99, 8)}"
                  f"{num(p50 / base[0], 7, 2)}{num(p99 / base[1], 7, 2)}{num(cpu_ms, 8, 2)}"
                  f"{out.late:>8}{out.failed:>7}", flush=True)


def ceiling(b: Bench, apps: list, name: str, seconds: float, senders: int = 16) -> None:
    """One row of section 2: /deal new under saturation spread over these apps, and where
    the machine's CPU went meanwhile."""
    bodies = Bodies(b.slash, f"load {name}")
    bodies.fill()  # the first batch, before the clock
    pids = [a.proc.pid for a in apps]
    b.slack.control.settle()
    b.analyze()
    calls0 = sum(b.slack.control.counts().values())
    cpu0 = (cpu_seconds(pids), cpu_seconds([b.slack.proc.pid]), own_cpu(), b.backends())
    start = time.time()
    out = saturate(b.poster, [a.url for a in apps], bodies, senders, seconds)
    posted = b.slack.control.wait_posted(bodies.given, timeout=120)
    last = b.slack.control.settle()
    calls = sum(b.slack.control.counts().values()) - calls0
    pg = b.backends()
    cpu = cpu_seconds(pids) - cpu0[0]
    slack, mine = cpu_seconds([b.slack.proc.pid]) - cpu0[1], own_cpu() - cpu0[2]
    pg_cpu = sum(v - cpu0[3].get(pid, 0.0) for pid, v in pg.items())
    span = time.time() - start
    done = len(out.times)
    took = max(last, start + out.wall) - start
    print(f"{name:<20}{done:>6}{done / out.wall:>9.0f}{posted / took:>12.0f}"
          f"{num(out.pct(50), 8)}{num(out.pct(99), 8)}{cpu:>8.1f}{posted / max(cpu, 1e-9):>10.0f}"
          f"{calls / max(done, 1):>7.1f}{out.failed + done - posted:>7}")
    print(f"{'':<4}CPU s of {os.cpu_count()} cores x {span:.1f} s: app {cpu:.1f}, "
          f"PostgreSQL {pg_cpu:.1f}, stand-in {slack:.1f}, senders {mine:.1f}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)


def ceilings(b: Bench, first, opts: dict, postgres: bool, most: int) -> None:
    """Section 2."""
    secs = opts["ceiling"]
    print(f"\n2. Ceiling: /deal new completed/s under saturation (16 senders without pause, "
          f"{secs:g} s); completed: its card posted, the clock stopped at Slack's last call;"
          f" calls: Slack calls per command; failed: no 200, or no card")
    print(f"{'setup':<20}{'cmds':>6}{'acked/s':>9}{'completed/s':>12}{'p50':>8}{'p99':>8}"
          f"{'CPU s':>8}{'per CPU-s':>10}{'calls':>7}{'failed':>7}")
    apps = [first]
    ceiling(b, apps, "1 replica", secs)
    if not postgres:
        print("(replicas and --workers: PostgreSQL only; give --database-url)")
        return
    for k in range(2, most + 1):
        apps.append(b.dealbot(migrate=False))
        ceiling(b, apps, f"{k} replicas", secs)
    if not has_workers_option():
        print("(dealbot serve has no --workers option in this checkout)")
        return
    b.stop(apps)
    for w in range(1, most + 1):
        app = b.dealbot(migrate=False, workers=w)
        ceiling(b, [app], f"--workers {w}", secs)
        b.stop([app])


def digest(database_url: str | None, opts: dict) -> None:
    """Section 3: bench/digest_build.py (it makes the data and builds the digest in child
    processes of its own, and reports the building one's peak RSS)."""
    print("\n3. Digest (bench/digest_build.py: build time, and peak RSS of the process that"
          " built it)", flush=True)
    cmd = [sys.executable, str(BENCH / "digest_build.py"), "--sizes", opts["sizes"]]
    if opts["activities"]:
        cmd += ["--activities", str(opts["activities"])]
    if database_url:
        url = make_url(database_url)
        cmd += ["--database-url", url.set(database=url.database + "_digest")
                .render_as_string(hide_password=False)]
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in done.stdout.strip().splitlines():
        if line.strip():
            print("   ", line)
    print(f"    ({time.perf_counter() - start:.0f} s with making the data; exit "
          f"{done.returncode})", flush=True)


def main() -> None:
    """Run the three parts and print their tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database-url", help="PostgreSQL (dropped and created afresh)")
    ap.add_argument("--quick", action="store_true", help="small counts: under a minute")
    ap.add_argument("--requests", type=int, help="per command at 8 senders (1 sender: half)")
    ap.add_argument("--rate", type=float, default=60.0, help="the steady rate, per second")
    ap.add_argument("--seconds", type=float, help="how long the steady rate runs")
    ap.add_argument("--ceiling", type=float, help="seconds of saturation per ceiling row")
    ap.add_argument("--replicas", type=int, default=3, help="most replicas and workers")
    ap.add_argument("--sizes", help="digest sizes, e.g. 1000,10000")
    ap.add_argument("--activities", type=int, help="activities per digest size")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the apps on the way out
    opts = dict(QUICK if args.quick else FULL)
    opts.update({k: v for k in opts if (v := getattr(args, k)) is not None})
    postgres = (args.database_url or "").startswith("postgresql")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, RemoteStandIn() as slack:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'load.db'}"
        if postgres:
            fresh_postgres(url)
        b = Bench(slack, url, Path(tmp))
        print(f"database: {make_url(url).get_backend_name()}; {os.cpu_count()} cores, load "
              f"average {os.getloadavg()[0]:.1f}; stand-in, apps and senders in separate "
              f"processes")
        try:
            bare = start_bare(slack, b.secret, b.log)
            b.running.append(bare)
            apps = [b.dealbot()]
            warm = [f"new {x} 1k" for x in names(10, "warm")]
            for body in b.slash(warm) + b.slash([""] * 10, "/ping"):
                b.poster.post(bare.url if "ping" in body else apps[0].url, body)
            b.slack.control.settle()
            idle = cpu_seconds([apps[0].proc.pid])
            time.sleep(1)
            print(f"dealbot serve idle: {(cpu_seconds([apps[0].proc.pid]) - idle) * 1000:.0f} "
                  f"ms CPU/s (in every CPU figure)")
            latency(b, bare, apps[0], opts, args.rate)
            ceilings(b, apps[0], opts, postgres, args.replicas)
        finally:
            b.stop(list(b.running))
            refused = slack.control.contract_failures()
            if refused:
                print(f"\nthe stand-in refused {len(refused)} calls, e.g. {refused[:3]}")
            said = b.log.read_text(errors="replace") if b.log.exists() else ""
            if "Traceback" in said or "ERROR" in said:
                print("\nthe apps logged errors; the end of their log:\n" + said[-3000:])
    digest(url if postgres else None, opts)
    if postgres:
        fresh_postgres(url, create=False)
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
