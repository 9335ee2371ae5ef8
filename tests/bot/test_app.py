"""The composition root: the app gets every listener and its error handler; the clock its jobs."""

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

import handlers
from bot.app import build_app, close, deliverer, outbox_client, scheduled, web_client
from bot.settings import Settings

SETTINGS = Settings(bot_token="xoxb-test", app_token=None, signing_secret="secret",
                    api_url="http://127.0.0.1:9/api/", database_url="sqlite://", log_level="INFO")


@pytest.fixture(autouse=True)
def no_slack(monkeypatch):
    """Bolt checks the token with auth.test when the app is built: answer it here."""
    data = {"ok": True, "team_id": "T0TEST", "user_id": "U0BOT", "bot_id": "B0BOT"}

    def auth_test(self, **kw):
        return SlackResponse(client=self, http_verb="POST", api_url="auth.test", req_args={},
                             data=data, headers={}, status_code=200)

    monkeypatch.setattr(WebClient, "auth_test", auth_test)


@pytest.fixture
def app():
    """The app, with its outbox deliverer closed (and unhooked) after the test."""
    built = build_app(SETTINGS)
    yield built
    close(built)


def test_the_app_has_the_listeners_and_the_error_handler(app):
    assert app._listeners
    assert app._listener_runner.listener_error_handler.func is handlers.on_error
    assert app.client.base_url == "http://127.0.0.1:9/api/"


def test_no_client_blindly_retries_a_dropped_connection():
    """A chat.postMessage whose answer was lost may have posted: a blind retry posts twice."""
    kinds = {type(h).__name__ for h in web_client(SETTINGS).retry_handlers}
    assert kinds == {"RateLimitErrorRetryHandler"}
    assert outbox_client(SETTINGS).retry_handlers == []


def test_scheduled_runs_the_handlers_jobs_then_kicks_the_outbox(monkeypatch):
    seen = []
    monkeypatch.setattr(handlers, "jobs", lambda: lambda now: seen.append(("jobs", now)))
    built = build_app(SETTINGS)
    monkeypatch.setattr(deliverer(built), "kick", lambda: seen.append("kick"))
    now = datetime(2026, 1, 15, 7, tzinfo=UTC)
    try:
        scheduled(built)(now)
    finally:
        close(built)
    assert seen == [("jobs", now), "kick"]


def test_starting_with_the_token_in_the_environment_warns_of_nothing(monkeypatch, caplog):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    with caplog.at_level("WARNING"):
        built = build_app(SETTINGS)
        close(built)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
