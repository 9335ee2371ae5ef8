"""The stand-in's users.lookupByEmail, as Slack's method reference describes it."""

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.standin import SlackStandIn


def test_finds_a_person_by_email_case_insensitively_and_refuses_an_unknown_one() -> None:
    with SlackStandIn() as standin:
        client = WebClient(token="xoxb-test", base_url=standin.api_url)
        found = client.users_lookupByEmail(email="Ann@Example.com")
        assert found["user"]["id"] == "U0ANN"
        assert found["user"]["profile"]["email"] == "ann@example.com"
        with pytest.raises(SlackApiError) as err:
            client.users_lookupByEmail(email="nobody@example.com")
        assert err.value.response["error"] == "users_not_found"
        assert standin.contract_failures == []
