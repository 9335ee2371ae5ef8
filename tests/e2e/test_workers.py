"""`dealbot serve --workers 2`: two processes, every deal created once, every card posted
once, a replayed request refused whichever worker takes it, a health check that answers,
and a clean stop on SIGTERM."""

import secrets
import signal
import threading
import urllib.request
from urllib.parse import urlencode

import sqlmodel

from bot.local.served import free_port, start_serve
from bot.local.standin import Driver, SlackStandIn, payloads, signing
from storage import db
from storage.models import Deal, Outbox
from tests.e2e.test_crash import cards_by_deal

SENDERS, EACH = 4, 8


def send_deals(driver: Driver) -> list[int]:
    """SENDERS people at once, EACH `/deal new` apiece; the numbers their answers gave."""
    acked: list[int] = []

    def sender(i: int) -> None:
        for j in range(EACH):
            reply = driver.slash(f"new Worker {i}-{j} 1k")
            if reply.status == 200 and "Created #" in reply.body:
                acked.append(int(reply.body.split("Created #", 1)[1].split(" ", 1)[0]))

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(SENDERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return acked


REPLAYS = 12


def replay(driver: Driver) -> tuple[list[int], str]:
    """One signed `/deal new Replayed 1k`, sent once and then REPLAYS times as it was (each
    on a new connection, which either worker may take): the answers' statuses, and what
    the first one said."""
    fields = payloads.slash_fields(driver.standin, "new Replayed 1k", user="U0ANN",
                                   channel="C0SALES", command="/deal",
                                   token=driver.verification_token)
    body = urlencode(fields)
    headers = {**driver.sign(body), "Content-Type": "application/x-www-form-urlencoded"}
    replies = [signing.send(driver.app_url, body, headers) for _ in range(1 + REPLAYS)]
    return [r.status for r in replies], replies[0].body


def test_two_workers_make_each_deal_and_card_once_and_stop_on_sigterm(database_url, tmp_path):
    secret, port, log = secrets.token_hex(8), free_port(), tmp_path / "serve.log"
    env = {"SLACK_BOT_TOKEN": "xoxb-workers", "SLACK_SIGNING_SECRET": secret,
           "DEALBOT_TICK_SECONDS": "0.5", "LOG_LEVEL": "INFO"}
    with SlackStandIn() as standin:
        driver = Driver(standin, app_url=f"http://127.0.0.1:{port}/slack/events",
                        signing_secret=secret)
        proc = start_serve(standin, database_url, port, env=env, log=log,
                           args=["--workers", "2", "--threads", "4"])
        acked = send_deals(driver)
        statuses, first = replay(driver)
        acked.append(int(first.split("Created #", 1)[1].split(" ", 1)[0]))
        standin.wait_for(lambda: sum(cards_by_deal(standin).values()) >= len(acked), 20)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as health:
            assert health.status == 200
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(40)
        cards = cards_by_deal(standin)
    text = log.read_text()
    db.configure(database_url)
    with db.session_scope() as s:
        deals = s.exec(sqlmodel.select(Deal)).all()
        waiting = s.exec(sqlmodel.select(Outbox).where(Outbox.status != "done")).all()
    assert code == 0, text
    assert text.count("Booting worker") == 2, text  # two processes served
    assert text.count("worker's after-ack work done; its outbox is delivered") == 2, text
    assert sorted(acked) == list(range(1, SENDERS * EACH + 2))  # each number answered once
    assert statuses == [200] + [401] * REPLAYS  # the replays refused, on either worker
    assert sorted(d.name for d in deals) == sorted(
        [f"Worker {i}-{j}" for i in range(SENDERS) for j in range(EACH)] + ["Replayed"]
    )
    assert cards == {n: 1 for n in acked}, "a card missing or posted twice"
    assert waiting == []
    assert "Traceback" not in text, text
