"""SQL statements and app CPU of one `/deal new` (one line) and one Advance click.

    python bench/hot_path.py [--requests 200] [--database-url URL] [--show] [--deals N]

A PostgreSQL URL's database is dropped and created afresh before each measure.

Statements: the real app on loopback (one process), each request sent alone and settled;
every statement the engine sends is counted (bot/local/statements.py), split into before
Bolt's ack and after it (the rest of the listener, the outbox's deliverer); `--show`
prints them. Listener CPU: the `/deal new` handler and the Advance click's stage move
called in a loop in one process, their thread's CPU time (what the listener itself
costs; cards, thread lines and Home refreshes run on other threads). App CPU: `dealbot
serve` in its own process (bot/local/served.py), requests sent one after the other, then
settled; the server's user+system CPU time (from /proc) over the requests, divided by
their number: the whole cost of a command in the app, its card, thread lines and Home
refresh included.
With `--deals N` the workspace holds N more open deals (made-up names, inserted as an
import does, then ANALYZE) before the CPU measures: what a command costs as data grows.
"""

import argparse
import os
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from duplicate_lookup import insert_open_deals
from load_send import names
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.local.loopback import LocalSlack
from bot.local.served import Served
from bot.local.statements import StatementLog
from storage import db

CHANNEL = "C0SALES"
WRITES = {"/deal new": "INSERT INTO deal ", "Advance click": "UPDATE deal SET stage_id"}


def recreate(url: str) -> None:
    """Drop the PostgreSQL database the URL names and create it empty."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def prefill(team_id: str, count: int) -> None:
    """`count` more open deals of made-up names in the workspace (through the configured
    engine), then ANALYZE (as autovacuum would after so many rows)."""
    if not count:
        return
    insert_open_deals(team_id, names(count, f"prefill {count}"))
    with db.engine().begin() as conn:
        conn.execute(text("ANALYZE"))


def advance_bodies(local, n: int, tag: str, url: str) -> list[str]:
    """Advance clicks on n fresh cards, of qualified deals (else the qualification gate
    asks first and nothing moves)."""
    for i in range(n):
        local.driver.slash(f"new Hot {tag} {i} 5k")
    local.settle()
    engine = db.make_engine(url)
    with engine.begin() as conn:
        qualify = text("UPDATE deal SET qualified = :yes WHERE name LIKE 'Hot %'")
        conn.execute(qualify, {"yes": True})
    engine.dispose()
    cards = [m for m in local.standin.messages(CHANNEL) if f"Hot {tag} " in (m.text or "")]
    return [local.driver.click_body("deal_advance", message=m) for m in cards[-n:]]


def statements(url: str, show: bool) -> None:
    """Print the statements of a /deal new and of an Advance click (the 3rd of each)."""
    with LocalSlack(url) as local:
        bodies = advance_bodies(local, 3, "count", url)
        with StatementLog(db.engine()) as log:
            for kind, send in (
                ("/deal new", lambda i: local.driver.slash(f"new Counted deal {i} 12k")),
                ("Advance click", lambda i: local.driver.post(bodies[i])),
            ):
                for i in range(3):  # the first ones warm caches (the channel check, Home)
                    log.clear()
                    send(i)
                    local.settle()
                before, after = log.split()
                unit = log.unit_with(WRITES[kind])
                print(f"{kind:<14} statements before ack {len(before):>3}, after {len(after):>3}; "
                      f"its write transaction {len(unit):>3}")
                for s in [*before, "-- after --", *after] if show else ():
                    print("    " + " ".join(s.split())[:160])


def slash_body(standin, text: str) -> str:
    """A signed-to-be `/deal` slash command body from U0ANN in #sales."""
    return urlencode({
        "token": "t", "team_id": standin.team_id, "team_domain": "demo", "channel_id": CHANNEL,
        "channel_name": "sales", "user_id": "U0ANN", "user_name": "ann", "command": "/deal",
        "text": text, "api_app_id": standin.app_id,
        "response_url": standin.new_response_url(user="U0ANN"),
        "trigger_id": standin.new_trigger_id("U0ANN"),
    })


def post(served, body: str) -> None:
    """Send one signed request and read its answer (no waiting for after-ack work)."""
    req = urllib.request.Request(served.url + "/slack/events", body.encode(),
                                 served.driver.sign(body), method="POST")
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()


def cpu(url: str, n: int, extra: int = 0) -> None:
    """Print the app process's CPU ms per /deal new and per Advance click: requests sent
    one after the other, then everything after the acks settled; the CPU the idle server
    spends in as long (its pollers) is measured first and taken off."""
    with Served(url) as served:
        served.driver.slash("new Warm 1k")  # the workspace
        served.settle()
        if extra:
            db.configure(url)
            prefill(served.standin.team_id, extra)
            db.engine().dispose()
        for i in range(20):  # warm up
            served.driver.slash(f"new Warm {i} 1k")
        served.settle()
        pid = served.proc.pid
        start, wall = cpu_seconds(pid), time.perf_counter()
        time.sleep(3)  # the idle server's own CPU per second
        idle = (cpu_seconds(pid) - start) / (time.perf_counter() - wall)
        clicks = advance_bodies(served, n, "cpu", url)
        news = [slash_body(served.standin, f"new Cpu deal {i} 12k") for i in range(n)]
        for kind, bodies in (("/deal new", news), ("Advance click", clicks)):
            start, wall = cpu_seconds(pid), time.perf_counter()
            for body in bodies:
                post(served, body)
            served.settle()
            took = time.perf_counter() - wall
            used = cpu_seconds(pid) - start - idle * took
            print(f"{kind:<14} app CPU {used / n * 1000:6.2f} ms per request, all of its work "
                  f"({n} sent one after the other in {took:.1f} s; idle {idle * 1000:.0f} ms/s "
                  "taken off)")


def handler_cpu(url: str, n: int, extra: int = 0) -> None:
    """Print the CPU time of the listener's own work (thread time, one process): the
    `/deal new` handler called n times, and n stage moves as Advance makes them (the
    card, the move's thread line and Home refreshes run on other threads and are not counted)."""
    from bot.deals import service as deals
    from handlers.deals.new import new
    from handlers.kit.context import Ctx

    with LocalSlack(url) as local:
        team = local.standin.team_id
        ctx = Ctx(team_id=team, user_id="U0ANN", channel_id=CHANNEL, channel_name="sales",
                  client=local.app.client, trigger_id="t", response_url=None,
                  tell=lambda _t: None)
        new(ctx, "Warm 1k")  # the workspace
        prefill(team, extra)
        for i in range(20):  # warm up: the workspace, the channel check, caches
            new(ctx, f"Warm {i} 1k")
        local.settle()
        start = time.thread_time()
        for i in range(n):
            new(ctx, f"Loop deal {i} 12k")
        took = time.thread_time() - start
        print(f"{'/deal new':<14} listener CPU {took / n * 1000:6.2f} ms (handler, {n} calls)")
        local.settle()
        engine = db.engine()
        with engine.begin() as conn:
            conn.execute(text("UPDATE deal SET qualified = :yes"), {"yes": True})
        with engine.connect() as conn:
            loop = text("SELECT number FROM deal WHERE name LIKE 'Loop deal %' ORDER BY number")
            numbers = [row[0] for row in conn.execute(loop)]
        start = time.thread_time()
        for number in numbers:
            with db.session_scope() as s:
                deals.move(  # as an Advance click makes it (handlers/deals/buttons.py)
                    session=s, team_id=team, actor="U0ANN", ref=str(number), to="contacted",
                    brief=True,
                )
        took = time.thread_time() - start
        print(f"{'Advance click':<14} listener CPU {took / n * 1000:6.2f} ms (the move, {n} calls)")
        local.settle()


def main() -> None:
    """Run the measures and print them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--database-url")
    ap.add_argument("--show", action="store_true", help="print every statement")
    ap.add_argument("--no-cpu", action="store_true", help="statements only")
    ap.add_argument("--no-served", action="store_true", help="no `dealbot serve` CPU run")
    ap.add_argument("--deals", type=int, default=0, help="open deals added before the CPU runs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:

        def fresh(name: str) -> str:
            """An empty database per measure: a new SQLite file, or the PostgreSQL one the
            URL names dropped and created again (the measures' deal names would repeat)."""
            if args.database_url is None:
                return f"sqlite:///{Path(tmp) / name}"
            recreate(args.database_url)
            return args.database_url

        print(f"database: {(args.database_url or 'sqlite').split('@')[-1]}")
        statements(fresh("bench.db"), args.show)
        if not args.no_cpu:
            handler_cpu(fresh("loop.db"), args.requests, args.deals)
            if not args.no_served:
                cpu(fresh("served.db"), args.requests, args.deals)


if __name__ == "__main__":
    main()
