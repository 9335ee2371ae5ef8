"""The processes bench/load.py measures (`dealbot serve` replicas, the bare Bolt app), the
CPU time each spends (its own and its children's, read from /proc), and the bench's kit."""

import os
import resource
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from load_send import Outcome, Poster, closed_loop, names
from sqlalchemy import bindparam, create_engine, text
from sqlalchemy.pool import NullPool

from bot.local.served import free_port, start_serve
from bot.local.standin.remote import RemoteStandIn
from storage import db

BENCH = Path(__file__).resolve().parent
TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and of its children it has waited for)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # it ended meanwhile
        return None
    f = raw[raw.rindex(")") + 2:].split()  # fields from the 3rd (state) on
    return int(f[1]), sum(int(x) for x in f[11:15]) / TICK  # utime stime cutime cstime


def cpu_seconds(pids: list[int]) -> float:
    """CPU seconds spent so far by these processes and every descendant, live or reaped."""
    stats = {int(p): s for p in os.listdir("/proc") if p.isdigit() and (s := _stat(p))}
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [p for p in pids if p in stats]
    while todo:
        pid = todo.pop()
        total += stats[pid][1]
        todo += children.get(pid, [])
    return total


class App:
    """One app process listening on 127.0.0.1: its events URL and its pid."""

    def __init__(self, proc: subprocess.Popen, port: int, name: str) -> None:
        self.proc, self.name = proc, name
        self.url = f"http://127.0.0.1:{port}/slack/events"

    def stop(self) -> None:
        """SIGTERM, and wait for the drain (killed after 30 s)."""
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_dealbot(slack: RemoteStandIn, database_url: str, secret: str, log: Path,
                  *, migrate: bool = True, workers: int | None = None) -> App:
    """`dealbot serve --threads 8` (with `--workers N` when given) against the stand-in."""
    port = free_port()
    env = {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": secret,
           "LOG_LEVEL": "WARNING"}
    args = ["--threads", "8"] + ([] if migrate else ["--no-migrate"])
    if workers is not None:
        args += ["--workers", str(workers)]
    proc = start_serve(slack, database_url, port, env=env, log=log, args=args, timeout=90)
    return App(proc, port, f"dealbot serve{f' --workers {workers}' if workers else ''}")


def start_bare(slack: RemoteStandIn, secret: str, log: Path) -> App:
    """bench/bare_bolt.py: Bolt acking /ping and nothing else, on the same server."""
    port = free_port()
    env = {**os.environ, "SLACK_SIGNING_SECRET": secret, "SLACK_API_URL": slack.api_url}
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, str(BENCH / "bare_bolt.py"), "--port",
                                 str(port), "--threads", "8"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return App(proc, port, "bare Bolt")
        except OSError:
            time.sleep(0.05)  # polling a server that is starting
    proc.kill()
    raise RuntimeError("bench/bare_bolt.py did not come up:\n" + log.read_text())


def has_workers_option() -> bool:
    """Whether this checkout's `dealbot serve` takes --workers."""
    out = subprocess.run([sys.executable, "-m", "bot", "serve", "--help"],
                         capture_output=True, text=True, timeout=60)
    return "--workers" in out.stdout


def own_cpu() -> float:
    """CPU seconds this process (the senders) spent so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def backend_cpu(database_url: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving the database the URL names
    (other databases on the server are other people's), by pid."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = "
                                     "current_database() AND pid <> pg_backend_pid()")).scalars()
            return {p: s[1] for p in pids if (s := _stat(str(p)))}
    finally:
        engine.dispose()


class Bench:
    """The stand-in, the secret every app shares, and the senders."""

    def __init__(self, slack: RemoteStandIn, url: str, tmp: Path) -> None:
        self.slack, self.url, self.tmp = slack, url, tmp
        self.secret = secrets.token_hex(16)
        self.poster = Poster(self.secret)
        self.log = tmp / "apps.log"
        self.running: list[App] = []  # every app started and not yet stopped

    def dealbot(self, **kw) -> App:
        """Start `dealbot serve` (see load_apps.start_dealbot); stopped at the end at latest."""
        app = start_dealbot(self.slack, self.url, self.secret, self.log, **kw)
        self.running.append(app)
        return app

    def backends(self) -> dict[int, float]:
        """CPU seconds of each PostgreSQL backend on the bench's database (none on SQLite)."""
        return backend_cpu(self.url) if self.url.startswith("postgresql") else {}

    def stop(self, apps: list[App]) -> None:
        """Stop these apps (SIGTERM, and wait for their drain)."""
        for a in apps:
            a.stop()
            self.running.remove(a)

    def slash(self, texts: list[str], command: str = "/deal") -> list[str]:
        """Slash command bodies, made by the stand-in."""
        return self.slack.control.slash_bodies(texts, command)

    def cards(self, app_url: str, tag: str, n: int) -> list[str]:
        """Advance clicks on n fresh cards, made (untimed) by 8 senders, of deals marked
        qualified (else the generic pipeline's qualification gate answers the click with
        the BANT prompt and nothing moves: a click that moves is what is measured)."""
        made = names(n, f"click {tag}")
        closed_loop(self.poster, [app_url], self.slash([f"new {x} 5k" for x in made]), 8)
        self.slack.control.wait_posted(made, timeout=120)
        self.slack.control.settle()
        engine = db.make_engine(self.url)  # on SQLite, with the fold the search triggers call
        with engine.begin() as conn:
            qualify = text("UPDATE deal SET qualified = :yes WHERE name IN :names")
            conn.execute(qualify.bindparams(bindparam("names", expanding=True)),
                         {"yes": True, "names": made})
        engine.dispose()
        clicks = self.slack.control.click_bodies("deal_advance", made)
        if len(clicks) < n:
            print(f"  (only {len(clicks)} of {n} cards for the Advance clicks were posted)")
        return clicks

    def analyze(self) -> None:
        """ANALYZE the bench's PostgreSQL database when the server's autovacuum is off (as
        on the development machine), as autovacuum would after so many new rows: without
        it the planner takes the tables for empty and some plans go quadratic."""
        if not self.url.startswith("postgresql"):
            return
        engine = create_engine(self.url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            if conn.execute(text("SHOW autovacuum")).scalar() == "off":
                conn.execute(text("ANALYZE"))
        engine.dispose()

    def measured(self, pids: list[int], send, *, cards: list[str] = (),
                 updates: int = 0) -> tuple[Outcome, float]:
        """The outcome of send(), and the CPU seconds the pids spent until the cards of
        these deal names were posted, `updates` more chat.update calls came, and then Slack
        saw no call for 0.3 s (the work after the ack is counted, even when it lags)."""
        self.slack.control.settle()
        self.analyze()
        updated = self.slack.control.counts().get("chat.update", 0)
        before = cpu_seconds(pids)
        out = send()
        self.slack.control.wait_posted(list(cards), timeout=120)
        self.slack.control.wait_calls("chat.update", updated + updates, timeout=120)
        self.slack.control.settle()
        return out, cpu_seconds(pids) - before
