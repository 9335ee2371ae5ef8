"""End-to-end fixtures: the real app over HTTP, signed requests, the Slack stand-in."""

import pytest

from bot.local.loopback import LocalSlack


@pytest.fixture
def slack(database_url):
    """dealbot served on loopback, wired to a fresh Slack stand-in and a fresh database."""
    with LocalSlack(database_url) as local:
        yield local
        assert local.standin.contract_failures == [], "calls that real Slack would refuse"


@pytest.fixture
def driver(slack):
    """Plays Slack toward the app."""
    return slack.driver
