"""`dealbot serve` in a process of its own, talking to a Slack stand-in (in this process,
or in one of its own: bot/local/standin/remote.py).

This is how dealbot runs for real: Slack's side of every call is not on the app's CPU,
and the process can be killed or sent signals. The crash, shutdown and OAuth tests and
`bench/ack_latency.py --served` and `bench/load.py` use it.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.local.standin import Driver, SlackStandIn
from bot.local.standin.remote import RemoteStandIn

EVENTS_PATH = "/slack/events"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(
    standin: SlackStandIn | RemoteStandIn,
    database_url: str,
    port: int,
    *,
    env: Mapping[str, str],
    log: Path | None = None,
    args: Sequence[str] = (),
    timeout: float = 30,
) -> subprocess.Popen:
    """Start `python -m bot serve` on 127.0.0.1:port (in the current directory, so a
    worktree's own code runs) with SLACK_API_URL and DATABASE_URL set and `env` added;
    return once /healthz answers. Its output goes to `log` (or is inherited). The stand-in
    may run here or in a process of its own (RemoteStandIn): only its api_url is used."""
    full = {**os.environ, "SLACK_API_URL": standin.api_url, "DATABASE_URL": database_url}
    full.update(env)
    cmd = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)]
    out = log.open("ab") if log is not None else None
    proc = subprocess.Popen([*cmd, *args], env=full, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            time.sleep(0.05)  # polling a server that is starting
    proc.kill()
    said = log.read_text() if log is not None else ""
    raise RuntimeError("dealbot serve did not come up:\n" + said)


class Served:
    """`dealbot serve` with one bot token, for benches: what they use of LocalSlack
    (url, standin, driver, settle())."""

    def __init__(self, database_url: str, *, threads: int = 8) -> None:
        self.database_url, self.threads = database_url, threads
        self.standin = SlackStandIn()
        self.secret = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.driver: Driver | None = None

    def __enter__(self) -> "Served":
        self.standin.start()
        env = {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": self.secret,
               "LOG_LEVEL": "WARNING"}
        self.proc = start_serve(self.standin, self.database_url, self.port, env=env,
                                args=["--threads", str(self.threads)], timeout=60)
        self.driver = Driver(self.standin, app_url=self.url + EVENTS_PATH,
                             signing_secret=self.secret, settle=self.settle)
        return self

    def settle(self, quiet: float = 0.3) -> None:
        """Wait until the stand-in has seen no call for `quiet` seconds (the app is idle)."""
        seen, since = -1, time.monotonic()
        while time.monotonic() - since < quiet:
            time.sleep(0.05)
            now = len(self.standin.calls)
            if now != seen:
                seen, since = now, time.monotonic()

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.standin.stop()
