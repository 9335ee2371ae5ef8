"""GET /healthz: the database and Slack, 200 when both answer, 503 naming what is down."""

import json
import threading
import urllib.error
import urllib.request

from slack_sdk import WebClient

from bot.local.standin import SlackStandIn
from bot.runtime.health import Health
from bot.runtime.web import Server, health_app
from storage import db
from tests.e2e.test_crash import free_port


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_healthz_is_503_naming_a_token_slack_refuses(database_url):
    with SlackStandIn() as standin:
        db.configure(database_url)
        health = Health(WebClient(token="xoxb-health", base_url=standin.api_url))
        standin.fail_next("auth.test", "invalid_auth")
        assert health.report() == (
            False,
            {"ok": False, "database": "up", "slack": "invalid_auth"},
        )
        calls = standin.call_count("auth.test")
        health.report()  # within 30 s: Slack's answer is remembered, not asked again
        assert standin.call_count("auth.test") == calls


def test_healthz_is_503_when_slack_is_unreachable_or_the_database_is_down(tmp_path):
    nowhere = f"http://127.0.0.1:{free_port()}/api/"
    db.configure(f"sqlite:///{tmp_path}/missing/folder/dealbot.db")
    ok, body = Health(WebClient(token="xoxb-health", base_url=nowhere)).report()
    assert not ok
    assert body["database"] == "down"
    assert body["slack"].startswith("unreachable: ") and "Connection refused" in body["slack"]


def test_socket_modes_health_port_answers_healthz_only(database_url):
    with SlackStandIn() as standin:
        db.configure(database_url)
        server = Server(
            health_app(Health(WebClient(token="xoxb-h", base_url=standin.api_url))),
            "127.0.0.1",
            0,
            threads=2,
        )
        loop = threading.Thread(target=server.run, daemon=True)
        loop.start()
        try:
            base = f"http://127.0.0.1:{server.port}"
            assert _get(base + "/healthz") == (200, {"ok": True, "database": "up", "slack": "up"})
            assert _get(base + "/slack/events")[0] == 404
        finally:
            server.close()
            loop.join(5)
        assert not loop.is_alive()
