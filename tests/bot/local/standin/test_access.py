"""Slack's rules of access, enforced by default: scopes per method, membership for events."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import manifest
from bot.local.standin import SlackStandIn
from bot.local.standin.methods import METHODS
from tests.bot.local.standin.conftest import BoltHarness


def answer(call) -> dict:
    with pytest.raises(SlackApiError) as err:
        call()
    return err.value.response.data


def test_the_token_has_the_manifests_bot_scopes_unless_told_otherwise() -> None:
    assert SlackStandIn().scopes == frozenset(manifest.bot_scopes())
    assert SlackStandIn(scopes=["chat:write"]).scopes == {"chat:write"}


ONE_SCOPE = {
    "chat.postMessage": {"channel": "C0SALES", "text": "x"},
    "chat.postEphemeral": {"channel": "C0SALES", "user": "U0ANN", "text": "x"},
    "users.info": {"user": "U0ANN"},
    "users.lookupByEmail": {"email": "ann@example.com"},
    "conversations.join": {"channel": "C0RANDOM"},
}


@pytest.mark.parametrize("method", sorted(ONE_SCOPE))
def test_a_call_without_its_scope_is_refused_with_missing_scope(method: str) -> None:
    [scope] = METHODS[method].scopes
    with SlackStandIn(scopes=manifest.bot_scopes()) as standin:
        standin.scopes = standin.scopes - {scope}
        client = WebClient(token="xoxb-test", base_url=standin.api_url)
        refused = answer(lambda: client.api_call(method, data=ONE_SCOPE[method]))
        assert (refused["error"], refused["needed"]) == ("missing_scope", scope)
        assert scope not in refused["provided"].split(",")
        assert standin.calls[-1].error == "missing_scope"
        assert f"the app lacks the {scope} scope" in standin.contract_failures[-1]
        standin.scopes = None  # the manifest's again
        assert client.api_call(method, data=ONE_SCOPE[method])["ok"]


def test_conversation_methods_need_the_scope_of_the_conversations_type() -> None:
    with SlackStandIn(scopes=["chat:write", "channels:history", "channels:read"]) as standin:
        client = WebClient(token="xoxb-test", base_url=standin.api_url)
        assert answer(lambda: client.conversations_open(users="U0BOB"))["needed"] == "im:write"
        assert answer(lambda: client.conversations_open(users="U0BOB,U0CAT"))["needed"] == (
            "mpim:write"
        )
        dm = standin.open_dm(["U0BOB"])
        assert answer(lambda: client.conversations_history(channel=dm))["needed"] == (
            "im:history"
        )
        assert answer(lambda: client.conversations_info(channel=dm))["needed"] == "im:read"
        assert client.conversations_history(channel="C0SALES")["ok"]
        assert client.conversations_info(channel="C0SALES")["channel"]["is_member"] is True
        # a private channel the bot is not in stays hidden, whatever the scopes
        assert answer(lambda: client.conversations_info(channel="G0PRIV"))["error"] == (
            "channel_not_found"
        )
        standin.invite("G0PRIV")
        assert answer(lambda: client.conversations_info(channel="G0PRIV"))["needed"] == (
            "groups:read"
        )


def test_posting_where_the_bot_is_not_a_member_needs_chat_write_public() -> None:
    with SlackStandIn() as standin:  # the manifest does not ask for chat:write.public
        client = WebClient(token="xoxb-test", base_url=standin.api_url)
        assert answer(lambda: client.chat_postMessage(channel="C0RANDOM", text="x"))[
            "error"
        ] == "not_in_channel"
        standin.scopes = {*standin.scopes, "chat:write.public"}
        assert client.chat_postMessage(channel="C0RANDOM", text="x")["ok"]
        assert "UDEALBOT" not in standin.channels["C0RANDOM"]["members"]


@pytest.fixture
def heard(bolt: BoltHarness) -> list[dict[str, Any]]:
    """The message events the app receives."""
    seen: list[dict[str, Any]] = []
    bolt.app.event("message")(lambda event: seen.append(event))
    bolt.start()
    return seen


def said(channel: str, text: str) -> dict[str, Any]:
    return {"type": "message", "channel": channel, "user": "U0ANN", "text": text,
            "ts": "1800000000.000100"}


def test_message_events_come_only_from_conversations_the_bot_is_in(
    bolt: BoltHarness, heard: list, standin: SlackStandIn
) -> None:
    assert bolt.driver.event(said("C0RANDOM", "not a member")).status == 0
    assert bolt.driver.event(said("G0PRIV", "private, not invited")).status == 0
    assert bolt.driver.event(said("C0SALES", "member")).status == 200
    standin.invite("G0PRIV")
    assert bolt.driver.event(said("G0PRIV", "invited")).status == 200
    standin.kick("C0SALES")
    assert bolt.driver.event(said("C0SALES", "removed")).status == 0
    assert bolt.driver.dm("hello").status == 200
    assert [(e["text"], e["channel_type"]) for e in heard] == [
        ("member", "channel"), ("invited", "group"), ("hello", "im")]


def test_no_subscription_or_no_scope_no_events(
    bolt: BoltHarness, heard: list, standin: SlackStandIn
) -> None:
    standin.bot_events.discard("message.im")
    assert bolt.driver.dm("hello").status == 0
    standin.scopes = standin.scopes - {"channels:history"}
    assert bolt.driver.event(said("C0SALES", "no scope")).status == 0
    assert heard == []
