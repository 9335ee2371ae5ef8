"""Fixtures for the domain's tests."""

import pytest

from bot.teams import access


@pytest.fixture
def everyone_admin():
    """Slack calls everyone an admin, so anyone may change any deal: for tests about
    something other than who may (stale reads, history, templates)."""
    token = access.ask_slack(lambda _user: True)
    yield
    access.stop_asking(token)
