"""`kill -9` of `dealbot serve` in a burst of /deal new, then a restart: one card per deal."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import sqlmodel

from bot.local.standin import Driver, SlackStandIn
from storage import db
from storage.models import Deal, Outbox

ROOT = Path(__file__).resolve().parents[2]
SALES = "C0SALES"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(standin: SlackStandIn, database_url: str, port: int, secret: str, log: Path):
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-crash-test",
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": database_url,
        "DEALBOT_TICK_SECONDS": "0.5",
        "DEALBOT_OUTBOX_LEASE_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            time.sleep(0.05)  # polling a server that is starting
    proc.kill()
    raise AssertionError("dealbot serve did not come up:\n" + log.read_text())


def cards_by_deal(standin: SlackStandIn) -> dict[int, int]:
    counts: dict[int, int] = {}
    for m in standin.messages(SALES):
        head = m.blocks[0].get("text", {}).get("text", "") if m.blocks else ""
        if head.startswith("#"):
            number = int(head[1:].split(" ", 1)[0])
            counts[number] = counts.get(number, 0) + 1
    return counts


def test_every_deal_gets_exactly_one_card_after_a_kill_9(database_url, tmp_path):
    secret, port, log = secrets.token_hex(8), free_port(), tmp_path / "serve.log"
    acked: list[int] = []
    with SlackStandIn() as standin:
        driver = Driver(
            standin, app_url=f"http://127.0.0.1:{port}/slack/events", signing_secret=secret
        )
        proc = serve(standin, database_url, port, secret, log)

        def sender(i: int) -> None:
            for j in range(15):
                try:
                    reply = driver.slash(f"new Burst {i}-{j} 1k")
                except OSError:
                    return  # the server is gone
                if reply.status == 200 and "Created #" in reply.body:
                    acked.append(int(reply.body.split("Created #", 1)[1].split(" ", 1)[0]))

        threads = [threading.Thread(target=sender, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        while len(acked) < 25 and any(t.is_alive() for t in threads):
            time.sleep(0.005)  # waiting for the burst to be under way
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for t in threads:
            t.join()
        db.configure(database_url)
        with db.session_scope() as s:
            left = len(s.exec(sqlmodel.select(Outbox).where(Outbox.status != "done")).all())
        assert left > 0, "the kill came after everything was sent: the test proves nothing"
        proc = serve(standin, database_url, port, secret, log)
        try:
            db.configure(database_url)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with db.session_scope() as s:
                    deals = s.exec(sqlmodel.select(Deal)).all()
                    waiting = s.exec(
                        sqlmodel.select(Outbox).where(Outbox.status.in_(["pending", "sending"]))
                    ).all()
                if deals and not waiting and all(d.card_ts for d in deals):
                    break
                time.sleep(0.1)  # the restarted process delivers on its clock
        finally:
            proc.terminate()
            proc.wait(10)
        counts = cards_by_deal(standin)
    numbers = sorted(d.number for d in deals)
    assert set(acked) <= set(numbers), "an acknowledged deal was lost"
    assert {n: counts.get(n, 0) for n in numbers} == {n: 1 for n in numbers}
    assert all(d.card_ts for d in deals)
    assert len(numbers) >= 25
