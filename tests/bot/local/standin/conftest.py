"""Fixtures: a running stand-in, a WebClient on it, and a tiny Bolt app served over HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.local.standin import Driver, SlackStandIn
from bot.local.standin.http import PromptShutdown

SHARED = Path(__file__).resolve().parents[5] / "shared" / "slack-contract"
SECRET = "test-signing-secret"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared/slack-contract, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not present: {path}")
    return path


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as s:
        yield s


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(token="xoxb-test", base_url=standin.api_url)


class _PromptWSGIServer(PromptShutdown, WSGIServer):
    """wsgiref's server, stopped at once rather than at its next poll."""


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class BoltHarness:
    """A Bolt app on a local HTTP port, with a driver pointed at it."""

    def __init__(self, standin: SlackStandIn) -> None:
        self.standin = standin
        self.app = App(
            signing_secret=SECRET,
            token="xoxb-test",
            client=WebClient(base_url=standin.api_url, token="xoxb-test"),
            process_before_response=True,
        )
        self.seen: list[dict[str, Any]] = []
        handler = SlackRequestHandler(self.app)
        self.server = make_server(
            "127.0.0.1", 0, handler, server_class=_PromptWSGIServer, handler_class=_Quiet
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}/slack/events"
        self.driver = Driver(standin, app_url=self.url, signing_secret=SECRET)

    def start(self) -> None:
        self.started = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if getattr(self, "started", False):
            self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bolt(standin: SlackStandIn) -> Iterator[BoltHarness]:
    harness = BoltHarness(standin)
    yield harness
    harness.stop()
