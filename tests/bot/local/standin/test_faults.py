"""Faults on purpose: lost replies, 429s, channels that refuse by state, a restart."""

from __future__ import annotations

import types
import urllib.error
from http.client import RemoteDisconnected

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import handler as retry_handler
from slack_sdk.webhook import WebhookClient

from bot.local.standin import SlackStandIn

TAG = {"event_type": "dealbot_outbox", "event_payload": {"outbox_id": 17}}


@pytest.fixture
def bare(standin: SlackStandIn) -> WebClient:
    """A WebClient that never retries (the default one retries a dropped connection once)."""
    return WebClient(token="xoxb-test", base_url=standin.api_url, retry_handlers=[])


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(retry_handler, "time", types.SimpleNamespace(sleep=slept.append))
    return slept


def error_of(call) -> str:
    with pytest.raises(SlackApiError) as err:
        call()
    return err.value.response["error"]


def test_a_dropped_reply_raises_but_the_message_landed_once(
    standin: SlackStandIn, bare: WebClient
) -> None:
    standin.faults.drop_reply("chat.postMessage")
    with pytest.raises(RemoteDisconnected):  # an OSError: the outcome is unknown
        bare.chat_postMessage(channel="C0SALES", text="Acme", metadata=TAG)
    assert [(m.text, m.metadata) for m in standin.messages("C0SALES")] == [("Acme", TAG)]
    call = standin.calls[-1]
    assert (call.method, call.ok, call.dropped) == ("chat.postMessage", True, True)
    found = bare.conversations_history(channel="C0SALES", include_all_metadata=True)["messages"]
    assert [m["metadata"] for m in found] == [TAG]
    bare.chat_postMessage(channel="C0SALES", text="next")  # one drop only
    assert standin.call_count("chat.postMessage") == 2 and standin.faults.pending() == []


def test_the_default_client_retries_a_dropped_post_and_posts_twice(
    standin: SlackStandIn, client: WebClient, no_sleep: list[float]
) -> None:
    standin.faults.drop_reply("chat.postMessage")
    client.chat_postMessage(channel="C0SALES", text="Acme", metadata=TAG)
    assert len(no_sleep) == 1  # slack_sdk's ConnectionErrorRetryHandler, on by default
    assert [m.metadata for m in standin.messages("C0SALES")] == [TAG, TAG]


def test_drop_every_nth_call_a_bounded_number_of_times(
    standin: SlackStandIn, bare: WebClient
) -> None:
    standin.faults.drop_reply("chat.postMessage", every=2, times=2)
    outcomes = []
    for i in range(6):
        try:
            bare.chat_postMessage(channel="C0SALES", text=str(i))
            outcomes.append("ok")
        except OSError:
            outcomes.append("lost")
    assert outcomes == ["ok", "lost", "ok", "lost", "ok", "ok"]
    assert len(standin.messages("C0SALES")) == 6
    assert [c.dropped for c in standin.calls] == [False, True, False, True, False, False]


def test_a_dropped_reply_to_a_refused_call_is_lost_too(
    standin: SlackStandIn, bare: WebClient
) -> None:
    standin.faults.drop_reply("chat.postMessage", times=1)
    with pytest.raises(OSError):
        bare.chat_postMessage(channel="C0RANDOM", text="x")
    assert standin.calls[-1].error == "not_in_channel" and standin.calls[-1].dropped


def test_rate_limit_answers_429_with_retry_after_and_applies_nothing(
    standin: SlackStandIn, bare: WebClient
) -> None:
    standin.faults.rate_limit("chat.postMessage", times=2, retry_after=30)
    for _ in range(2):
        with pytest.raises(SlackApiError) as err:
            bare.chat_postMessage(channel="C0SALES", text="x", metadata=TAG)
        assert err.value.response.status_code == 429
        assert err.value.response.headers["Retry-After"] == "30"
        assert err.value.response.data == {"ok": False, "error": "ratelimited"}
    assert standin.messages("C0SALES") == []
    assert bare.auth_test()["ok"]  # other methods are not limited
    bare.chat_postMessage(channel="C0SALES", text="now")
    assert standin.call_count("chat.postMessage", ok=False) == 2
    assert standin.call_count("chat.postMessage", ok=True) == 1
    assert standin.contract_failures == []


def test_rate_limit_on_every_method_and_reset(standin: SlackStandIn, bare: WebClient) -> None:
    standin.faults.rate_limit(times=3)
    assert error_of(bare.auth_test) == "ratelimited"
    assert error_of(lambda: bare.conversations_history(channel="C0SALES")) == "ratelimited"
    assert standin.faults.pending() == ["ratelimit *: ratelimited, 1 left, every 1"]
    standin.faults.reset()
    assert standin.faults.pending() == [] and bare.auth_test()["ok"]
    with pytest.raises(ValueError):
        standin.faults.drop_reply("chat.postMessage", times=0)


def test_fail_answers_a_canned_error_a_bounded_number_of_times(
    standin: SlackStandIn, bare: WebClient
) -> None:
    standin.faults.fail("chat.update", "internal_error", times=2)
    ts = bare.chat_postMessage(channel="C0SALES", text="v1")["ts"]
    for _ in range(2):
        assert error_of(lambda: bare.chat_update(channel="C0SALES", ts=ts, text="v2")) == (
            "internal_error"
        )
    bare.chat_update(channel="C0SALES", ts=ts, text="v2")
    assert standin.messages("C0SALES")[0].text == "v2"


def test_a_fault_can_pick_its_calls_by_their_arguments(
    standin: SlackStandIn, bare: WebClient
) -> None:
    acme = bare.chat_postMessage(channel="C0SALES", text="Acme")["ts"]
    beta = bare.chat_postMessage(channel="C0SALES", text="Beta")["ts"]
    standin.faults.fail("chat.update", "internal_error", match=lambda a: a.get("ts") == acme)
    bare.chat_update(channel="C0SALES", ts=beta, text="Beta 2")
    assert error_of(lambda: bare.chat_update(channel="C0SALES", ts=acme, text="x")) == (
        "internal_error"
    )
    standin.faults.drop_reply("chat.postMessage", match=lambda a: a.get("thread_ts") == beta)
    bare.chat_postMessage(channel="C0SALES", text="top")
    with pytest.raises(OSError):
        bare.chat_postMessage(channel="C0SALES", text="in thread", thread_ts=beta)
    assert [m.text for m in standin.messages("C0SALES")] == ["Acme", "Beta 2", "top"]
    assert standin.faults.pending() == []


def test_removed_from_a_channel_the_bot_can_neither_post_nor_read(
    standin: SlackStandIn, bare: WebClient
) -> None:
    ts = bare.chat_postMessage(channel="C0SALES", text="before")["ts"]
    standin.kick("C0SALES")
    assert error_of(lambda: bare.chat_postMessage(channel="C0SALES", text="x")) == "not_in_channel"
    assert error_of(lambda: bare.conversations_history(channel="C0SALES")) == "not_in_channel"
    assert error_of(lambda: bare.conversations_replies(channel="C0SALES", ts=ts)) == (
        "not_in_channel"
    )
    assert bare.conversations_info(channel="C0SALES")["channel"]["is_member"] is False
    standin.invite("C0SALES")
    bare.chat_postMessage(channel="C0SALES", text="after")
    standin.invite("G0PRIV")
    bare.chat_postMessage(channel="G0PRIV", text="secret")
    standin.kick("G0PRIV")  # a private channel the bot left is one it cannot see
    assert error_of(lambda: bare.chat_postMessage(channel="G0PRIV", text="x")) == (
        "channel_not_found"
    )


def test_an_archived_channel_refuses_posts_and_keeps_its_history(
    standin: SlackStandIn, bare: WebClient
) -> None:
    ts = bare.chat_postMessage(channel="C0SALES", text="card", metadata=TAG)["ts"]
    standin.archive("C0SALES")
    assert error_of(lambda: bare.chat_postMessage(channel="C0SALES", text="x")) == "is_archived"
    assert error_of(lambda: bare.chat_postEphemeral(channel="C0SALES", user="U0ANN", text="x")) == (
        "is_archived"
    )
    assert error_of(lambda: bare.chat_update(channel="C0SALES", ts=ts, text="x")) == "is_archived"
    assert error_of(lambda: bare.chat_delete(channel="C0SALES", ts=ts)) == "is_archived"
    assert bare.conversations_info(channel="C0SALES")["channel"]["is_archived"] is True
    standin.archive("C0RANDOM")
    assert error_of(lambda: bare.conversations_join(channel="C0RANDOM")) == "is_archived"
    history = bare.conversations_history(channel="C0SALES", include_all_metadata=True)
    assert [m["metadata"] for m in history["messages"]] == [TAG]
    standin.archive("C0SALES", archived=False)
    bare.chat_postMessage(channel="C0SALES", text="back")


def test_a_deleted_channel_is_not_found(standin: SlackStandIn, bare: WebClient) -> None:
    standin.delete_channel("C0SALES")
    assert error_of(lambda: bare.chat_postMessage(channel="C0SALES", text="x")) == (
        "channel_not_found"
    )
    assert error_of(lambda: bare.conversations_history(channel="C0SALES")) == "channel_not_found"


def test_restart_keeps_state_and_the_same_url(standin: SlackStandIn, bare: WebClient) -> None:
    url = standin.api_url
    ts = bare.chat_postMessage(channel="C0SALES", text="before", metadata=TAG)["ts"]
    response_url = standin.new_response_url(user="U0ANN", channel="C0SALES")
    standin.stop()
    with pytest.raises(urllib.error.URLError):  # Slack unreachable while down
        bare.auth_test()
    standin.start()
    assert standin.api_url == url
    assert standin.restart() is standin and standin.api_url == url
    found = bare.conversations_history(channel="C0SALES", include_all_metadata=True)
    assert [(m["ts"], m["metadata"]) for m in found["messages"]] == [(ts, TAG)]
    assert WebhookClient(response_url).send(text="still works").status_code == 200
    bare.chat_postMessage(channel="C0SALES", text="after")
    assert [m.text for m in standin.messages("C0SALES")] == ["before", "after"]
    assert standin.call_count("chat.postMessage") == 2 and standin.call_count("auth.test") == 0
