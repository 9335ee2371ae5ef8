"""Tagging checks people with Slack: bots, leavers and unknown ids are refused, by name."""

import pytest
from slack_sdk.errors import SlackApiError

from bot.common.errors import InvalidInput
from handlers.deals import changes
from tests.words import refused

USERS = {
    "U0ANN": {"id": "U0ANN"},
    "B0BOT": {"id": "B0BOT", "is_bot": True},
    "U0OLD": {"id": "U0OLD", "deleted": True},
}


class People:
    """Slack's users.info for a few people."""

    def users_info(self, user: str) -> dict:
        if user not in USERS:
            raise SlackApiError("user_not_found", {"ok": False, "error": "user_not_found"})
        return {"user": USERS[user]}


@pytest.fixture(autouse=True)
def slack(monkeypatch):
    monkeypatch.setattr(changes, "quick", lambda client: client)
    return People()


def test_teammates_pass(slack):
    changes.check_people(slack, ["U0ANN"])


def test_bots_leavers_and_strangers_are_named_and_nothing_is_changed(slack):
    says = (
        "^<@B0BOT> is a bot; <@U0OLD> has left the workspace; I can't find <@U0NEW> in this "
        "workspace. Tag people of your team; nothing was changed.$"
    )
    with refused(InvalidInput, says):
        changes.check_people(slack, ["U0ANN", "B0BOT", "U0OLD", "U0NEW"])
