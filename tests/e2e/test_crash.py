"""`kill -9` of `dealbot serve` in a burst of /deal new, then a restart: one card per deal."""

import http.client
import secrets
import signal
import subprocess
import threading
import time
from pathlib import Path

import sqlmodel

from bot.local.served import free_port, start_serve
from bot.local.standin import Driver, SlackStandIn
from storage import db
from storage.models import Deal, Outbox

SALES = "C0SALES"


def serve(standin: SlackStandIn, database_url: str, port: int, secret: str, log: Path):
    env = {
        "SLACK_BOT_TOKEN": "xoxb-crash-test",
        "SLACK_SIGNING_SECRET": secret,
        "DEALBOT_TICK_SECONDS": "0.5",
        "DEALBOT_OUTBOX_LEASE_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }
    return start_serve(standin, database_url, port, env=env, log=log)


def cards_by_deal(standin: SlackStandIn) -> dict[int, int]:
    counts: dict[int, int] = {}
    for m in standin.messages(SALES):
        head = m.blocks[0].get("text", {}).get("text", "") if m.blocks else ""
        if head.startswith("#"):
            number = int(head[1:].split(" ", 1)[0])
            counts[number] = counts.get(number, 0) + 1
    return counts


def burst_then(proc: subprocess.Popen, driver: Driver, sig: int) -> tuple[list[int], int]:
    """Six senders of `/deal new`; once 25 are acknowledged, `sig` to the server. The deal
    numbers acknowledged, and the server's exit code."""
    acked: list[int] = []

    def sender(i: int) -> None:
        for j in range(15):
            try:
                reply = driver.slash(f"new Burst {i}-{j} 1k")
            except (OSError, http.client.HTTPException):
                return  # the server is gone (killed mid-answer), or no longer accepting
            if reply.status == 200 and "Created #" in reply.body:
                acked.append(int(reply.body.split("Created #", 1)[1].split(" ", 1)[0]))

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    while len(acked) < 25 and any(t.is_alive() for t in threads):
        time.sleep(0.005)  # waiting for the burst to be under way
    proc.send_signal(sig)
    code = proc.wait(40)
    for t in threads:
        t.join()
    return acked, code


def test_every_deal_gets_exactly_one_card_after_a_kill_9(database_url, tmp_path):
    secret, port, log = secrets.token_hex(8), free_port(), tmp_path / "serve.log"
    with SlackStandIn() as standin:
        driver = Driver(
            standin, app_url=f"http://127.0.0.1:{port}/slack/events", signing_secret=secret
        )
        proc = serve(standin, database_url, port, secret, log)

        acked, _ = burst_then(proc, driver, signal.SIGKILL)
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
