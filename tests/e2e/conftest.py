"""End-to-end fixtures: the real app over HTTP, signed requests, the Slack stand-in."""

import pytest

from bot.local.loopback import LocalSlack
from handlers.digests import posting


@pytest.fixture
def paced_on_test_time(monkeypatch):
    """Digest pacing on a clock of the test's own: a second between posts costs no real time."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    monkeypatch.setattr(posting, "PACER", posting.ChannelPacer(sleep=sleep, clock=lambda: now[0]))


@pytest.fixture
def slack(database_url, paced_on_test_time):
    """dealbot served on loopback, wired to a fresh Slack stand-in and a fresh database."""
    with LocalSlack(database_url) as local:
        yield local
        assert local.standin.contract_failures == [], "calls that real Slack would refuse"


@pytest.fixture
def driver(slack):
    """Plays Slack toward the app."""
    return slack.driver
