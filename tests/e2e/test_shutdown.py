"""SIGTERM (or SIGINT) stops `dealbot serve` gracefully: no acknowledged deal loses its card."""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlmodel

from bot.local.served import free_port, start_serve
from bot.local.standin import Driver, SlackStandIn
from storage import db
from storage.models import Deal, Outbox
from tests.e2e.test_crash import burst_then, cards_by_deal

ROOT = Path(__file__).resolve().parents[2]


def serve(standin: SlackStandIn, database_url: str, port: int, secret: str, log: Path, *extra):
    env = {
        "SLACK_BOT_TOKEN": "xoxb-shutdown-test",
        "SLACK_SIGNING_SECRET": secret,
        "DEALBOT_TICK_SECONDS": "0.5",
        "LOG_LEVEL": "INFO",
    }
    return start_serve(standin, database_url, port, env=env, log=log, args=extra)


def test_sigterm_in_a_burst_answers_every_deal_with_one_card_and_exits_0(database_url, tmp_path):
    secret, port, log = secrets.token_hex(8), free_port(), tmp_path / "serve.log"
    with SlackStandIn() as standin:
        driver = Driver(
            standin, app_url=f"http://127.0.0.1:{port}/slack/events", signing_secret=secret
        )
        proc = serve(standin, database_url, port, secret, log)

        acked, code = burst_then(proc, driver, signal.SIGTERM)
        cards_at_exit = cards_by_deal(standin)
        db.configure(database_url)
        with db.session_scope() as s:
            deals = s.exec(sqlmodel.select(Deal)).all()
            waiting = s.exec(sqlmodel.select(Outbox).where(Outbox.status != "done")).all()
        # The restart delivers nothing twice (and would deliver what the deadline left);
        # the schema is current, so it starts with --no-migrate too.
        proc = serve(standin, database_url, port, secret, log, "--no-migrate")
        time.sleep(1.5)  # three ticks of the restarted clock: a leftover would be sent now
        proc.send_signal(signal.SIGINT)
        second = proc.wait(40)
        cards_after_restart = cards_by_deal(standin)
    text = log.read_text()
    assert code == 0 and second == 0, text
    numbers = sorted(d.number for d in deals)
    assert len(acked) >= 25 and set(acked) <= set(numbers), "an acknowledged deal was lost"
    assert waiting == [], "the graceful stop left Slack posts behind"
    assert {n: cards_at_exit.get(n, 0) for n in numbers} == {n: 1 for n in numbers}
    assert cards_after_restart == cards_at_exit
    for step in (
        "shutdown (SIGTERM): no longer taking requests",
        "shutdown: requests in flight are answered",
        "shutdown: clock stopped",
        "shutdown: after-ack work done; the outbox is delivered",
        "shutdown: stopped",
        "shutdown (SIGINT)",
    ):
        assert step in text, text
    assert "Traceback" not in text, text


def test_no_migrate_refuses_an_old_schema_with_one_line(empty_database_url, tmp_path):
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-x",
        "SLACK_SIGNING_SECRET": "s",
        "DATABASE_URL": empty_database_url,
    }
    with SlackStandIn() as standin:
        env["SLACK_API_URL"] = standin.api_url
        done = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "--no-migrate", "--port", str(free_port())],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.startswith("dealbot: the database schema is at revision none (empty)")
    assert "run 'dealbot db upgrade' first" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
