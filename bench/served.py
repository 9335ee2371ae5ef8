"""`dealbot serve` in a process of its own, with the Slack stand-in in this one.

This is how dealbot runs for real: Slack's work (checking every call and Block Kit
payload) happens elsewhere, not on the app's interpreter. It offers what the benches use
of LocalSlack: url, standin, driver and settle().
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.local.standin import Driver, SlackStandIn

ROOT = Path(__file__).resolve().parents[1]
EVENTS_PATH = "/slack/events"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`python -m bot serve` on a free port, talking to a stand-in served from here."""

    def __init__(self, database_url: str, *, threads: int = 8) -> None:
        self.database_url, self.threads = database_url, threads
        self.standin = SlackStandIn()
        self.secret = secrets.token_hex(16)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.driver: Driver | None = None

    def __enter__(self) -> "Served":
        self.standin.start()
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": self.secret,
            "SLACK_API_URL": self.standin.api_url,
            "DATABASE_URL": self.database_url,
            "LOG_LEVEL": "WARNING",
        }
        cmd = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1",
               "--port", str(self.port), "--threads", str(self.threads)]
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)  # the server is starting
        else:
            raise SystemExit("dealbot serve did not come up")
        self.driver = Driver(self.standin, app_url=self.url + EVENTS_PATH,
                             signing_secret=self.secret, settle=self.settle)
        return self

    def settle(self, quiet: float = 0.5) -> None:
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
