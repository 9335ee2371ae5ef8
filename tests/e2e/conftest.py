"""End-to-end fixtures: the real app over HTTP, signed requests, the Slack stand-in."""

import pytest
from slack_sdk.web.base_client import BaseClient
from slack_sdk.webhook import WebhookClient

from bot.local.loopback import LocalSlack
from handlers.digests import posting
from storage import db


@pytest.fixture
def paced_on_test_time(monkeypatch):
    """Digest pacing on a clock of the test's own: a second between posts costs no real time."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    monkeypatch.setattr(posting, "PACER", posting.ChannelPacer(sleep=sleep, clock=lambda: now[0]))


@pytest.fixture
def slack(database_url, paced_on_test_time, monkeypatch):
    """dealbot served on loopback, wired to a fresh Slack stand-in and a fresh database.
    No Slack call may be made inside a unit of work (storage.db.in_unit): it would hold
    SQLite's writer, or PostgreSQL's locks, for as long as Slack takes."""
    inside: list[str] = []
    for cls, name in ((BaseClient, "api_call"), (WebhookClient, "send_dict")):
        monkeypatch.setattr(cls, name, _watched(getattr(cls, name), inside))
    with LocalSlack(database_url) as local:
        yield local
        assert local.standin.contract_failures == [], "calls that real Slack would refuse"
    assert inside == [], "Slack called inside a unit of work"


def _watched(call, inside: list[str]):
    """`call`, noting what it sends (the method, or the body) when made in a unit."""

    def watched(self, *args, **kwargs):
        if db.in_unit():
            inside.append(str(args[0] if args else kwargs)[:80])
        return call(self, *args, **kwargs)

    return watched


@pytest.fixture
def driver(slack):
    """Plays Slack toward the app."""
    return slack.driver
