"""SIGTERM stops `dealbot run` (Socket Mode) gracefully: the requests it took are answered,
every acknowledged deal gets one card, Socket Mode is closed, and run returns 0.

The stand-in has no Socket Mode server, so the WebSocket itself is replaced: requests are
handed to the same listener slack_sdk's client would call, and Bolt's answers kept.
"""

import argparse
import logging
import os
import re
import signal
import threading
import urllib.request
import uuid
from typing import ClassVar

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app
from slack_sdk.socket_mode.request import SocketModeRequest

from bot import cli_run
from bot.local.standin import SlackStandIn
from bot.settings import Settings
from tests.e2e.test_crash import cards_by_deal

SALES = "C0SALES"


class NoSocket(SocketModeHandler):
    """The real handler and Bolt app, without the WebSocket: answers are kept here."""

    made: ClassVar[list["NoSocket"]] = []

    def __init__(self, app, app_token):
        super().__init__(app, app_token)
        self.answers, self.closed = [], False
        NoSocket.made.append(self)

    def connect(self):
        pass

    def handle(self, client, req):
        self.answers.append(run_bolt_app(self.app, req))

    def close(self):
        self.closed = True
        super().close()


@pytest.fixture
def signals_restored():
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    yield
    for s, handler in saved.items():
        signal.signal(s, handler)


def slash(standin: SlackStandIn, text: str) -> SocketModeRequest:
    return SocketModeRequest(
        type="slash_commands",
        envelope_id=str(uuid.uuid4()),
        payload={
            "team_id": standin.team_id,
            "team_domain": standin.team_domain,
            "channel_id": SALES,
            "channel_name": "sales",
            "user_id": "U0ANN",
            "user_name": standin.users["U0ANN"]["name"],
            "command": "/deal",
            "text": text,
            "api_app_id": standin.app_id,
            "is_enterprise_install": "false",
            "response_url": standin.new_response_url(user="U0ANN", channel=SALES),
            "trigger_id": standin.new_trigger_id("U0ANN"),
        },
    )


def test_sigterm_stops_socket_mode_after_answering_and_delivering(
    database_url, monkeypatch, caplog, signals_restored
):
    from storage import db

    monkeypatch.setattr(cli_run, "hard_exit", lambda code: pytest.fail("cut short at deadline"))
    monkeypatch.setattr("slack_bolt.adapter.socket_mode.SocketModeHandler", NoSocket)
    NoSocket.made.clear()
    caplog.set_level(logging.INFO, logger="dealbot")
    with SlackStandIn() as standin:
        settings = Settings(
            bot_token="xoxb-socket-mode",
            app_token="xapp-socket-mode",
            signing_secret=None,
            api_url=standin.api_url,
            database_url=database_url,
            log_level="INFO",
            tick_seconds=0.5,
        )
        db.configure(database_url)
        args = argparse.Namespace(health_port=0, health_host="127.0.0.1", shutdown_timeout=20)
        health: list[tuple[int, bytes]] = []

        def slack_side() -> None:
            try:
                burst()
            finally:  # whatever happened, run() must end
                os.kill(os.getpid(), signal.SIGTERM)

        def burst() -> None:
            while "dealbot connected to Slack over Socket Mode" not in caplog.text:
                threading.Event().wait(0.01)  # run() is still starting
            handler = NoSocket.made[0]
            listener = handler.client.socket_mode_request_listeners[0]
            port = re.search(r"127\.0\.0\.1:(\d+)/healthz", caplog.text)
            with urllib.request.urlopen(f"http://127.0.0.1:{port[1]}/healthz", timeout=10) as r:
                health.append((r.status, r.read()))
            senders = [
                threading.Thread(
                    target=lambda i=i: [
                        listener(handler.client, slash(standin, f"new Socket {i}-{j} 1k"))
                        for j in range(8)
                    ],
                    name=f"sender-{i}",
                )
                for i in range(4)
            ]
            for t in senders:
                t.start()
            while len(handler.answers) < 10 and any(t.is_alive() for t in senders):
                threading.Event().wait(0.005)  # the burst is under way

        side = threading.Thread(target=slack_side)
        side.start()
        code = cli_run.run(settings, args)
        side.join(30)
        for t in threading.enumerate():
            if t.name.startswith("sender-"):
                t.join(30)
        handler = NoSocket.made[0]
        cards = cards_by_deal(standin)
    acked = [
        int(m[1])
        for a in handler.answers
        if (m := re.search(r"Created #(\d+)", str(a.body)))
    ]
    assert code == 0 and handler.closed
    assert health == [(200, b'{"ok": true, "database": "up", "slack": "up"}')]
    assert len(acked) >= 10
    assert {n: cards.get(n, 0) for n in acked} == {n: 1 for n in acked}
    assert set(cards) == set(acked), "a request taken after the signal made a deal"
    for step in (
        "shutdown (SIGTERM): no longer taking requests",
        "shutdown: requests in flight are answered",
        "shutdown: after-ack work done; the outbox is delivered",
        "shutdown: Socket Mode closed",
        "shutdown: stopped",
    ):
        assert step in caplog.text
