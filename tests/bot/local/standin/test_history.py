"""Message metadata, conversations.history and conversations.replies, through a real WebClient."""

from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.metadata import Metadata

from bot.local.standin import SlackStandIn

TAG = {"event_type": "dealbot_outbox", "event_payload": {"outbox_id": 17}}


def tag(n: int) -> dict:
    return {"event_type": "dealbot_outbox", "event_payload": {"outbox_id": n}}


def error_of(call) -> str:
    with pytest.raises(SlackApiError) as err:
        call()
    return err.value.response["error"]


def test_post_carries_metadata_and_history_shows_it_only_when_asked(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="C0SALES", text="Acme", metadata=TAG)
    assert posted["message"]["metadata"] == TAG
    assert standin.messages("C0SALES")[0].metadata == TAG
    full = client.conversations_history(channel="C0SALES", include_all_metadata=True)
    assert [m["metadata"] for m in full["messages"]] == [TAG]
    plain = client.conversations_history(channel="C0SALES")
    assert plain["messages"][0]["ts"] == posted["ts"] and "metadata" not in plain["messages"][0]
    off = client.conversations_history(channel="C0SALES", include_all_metadata=False)
    assert "metadata" not in off["messages"][0]
    assert standin.contract_failures == []


def test_metadata_as_sdk_model_and_as_form_string(standin: SlackStandIn, client: WebClient) -> None:
    client.chat_postMessage(channel="C0SALES", text="a", metadata=Metadata(**tag(1)))
    client.api_call(
        "chat.postMessage", data={"channel": "C0SALES", "text": "b", "metadata": json.dumps(tag(2))}
    )
    assert [m.metadata for m in standin.messages("C0SALES")] == [tag(1), tag(2)]


@pytest.mark.parametrize(
    ("metadata", "error"),
    [
        ("{not json", "invalid_metadata_format"),
        ("[1, 2]", "invalid_metadata_format"),
        (json.dumps({"event_type": 5, "event_payload": {}}), "invalid_metadata_schema"),
        (json.dumps({"event_type": "x", "event_payload": [1]}), "invalid_metadata_schema"),
        (json.dumps({"event_payload": {"a": 1}}), "invalid_metadata_schema"),
        (json.dumps({"event_type": "x"}), "invalid_metadata_schema"),
    ],
)
def test_bad_metadata_is_refused_and_nothing_posted(
    standin: SlackStandIn, client: WebClient, metadata: str, error: str
) -> None:
    data = {"channel": "C0SALES", "text": "x", "metadata": metadata}
    assert error_of(lambda: client.api_call("chat.postMessage", data=data)) == error
    assert standin.messages("C0SALES") == []
    assert standin.contract_failures and standin.calls[-1].error == error


def test_json_body_metadata_must_be_an_object(standin: SlackStandIn, client: WebClient) -> None:
    meta = {"event_type": ["x"], "event_payload": {}}
    body = {"channel": "C0SALES", "text": "x", "metadata": meta}
    assert error_of(lambda: client.api_call("chat.postMessage", json=body)) == (
        "invalid_metadata_schema"
    )
    assert standin.messages("C0SALES") == []


def test_update_keeps_replaces_or_clears_metadata(standin: SlackStandIn, client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C0SALES", text="v1", metadata=tag(1))["ts"]
    client.chat_update(channel="C0SALES", ts=ts, text="v2")
    assert standin.find_message("C0SALES", ts).metadata == tag(1)
    assert client.chat_update(channel="C0SALES", ts=ts, text="v3", metadata=tag(2))["message"][
        "metadata"
    ] == tag(2)
    client.chat_update(channel="C0SALES", ts=ts, text="v4", metadata={})
    assert standin.find_message("C0SALES", ts).metadata is None
    history = client.conversations_history(channel="C0SALES", include_all_metadata=True)
    assert "metadata" not in history["messages"][0]


def test_ephemeral_takes_metadata_but_keeps_none(standin: SlackStandIn, client: WebClient) -> None:
    client.chat_postEphemeral(channel="C0SALES", user="U0ANN", text="psst", metadata=TAG)
    assert standin.ephemerals("U0ANN")[0].metadata is None
    assert client.conversations_history(channel="C0SALES")["messages"] == []


def test_history_is_newest_first_without_thread_replies(client: WebClient) -> None:
    first = client.chat_postMessage(channel="C0SALES", text="first")["ts"]
    client.chat_postMessage(channel="C0SALES", text="reply", thread_ts=first)
    client.chat_postMessage(channel="C0SALES", text="loud", thread_ts=first, reply_broadcast=True)
    client.chat_postMessage(channel="C0SALES", text="second")
    resp = client.conversations_history(channel="C0SALES")
    assert [m["text"] for m in resp["messages"]] == ["second", "loud", "first"]
    assert resp["messages"][1]["subtype"] == "thread_broadcast"
    parent = resp["messages"][2]
    assert (parent["thread_ts"], parent["reply_count"], parent["reply_users"]) == (
        first,
        2,
        ["UDEALBOT"],
    )
    assert resp["has_more"] is False and resp["response_metadata"]["next_cursor"] == ""
    assert {"pin_count", "channel_actions_ts", "channel_actions_count"} <= set(resp.data)


def test_history_window_and_pages(client: WebClient) -> None:
    ts = [client.chat_postMessage(channel="C0SALES", text=str(i))["ts"] for i in range(7)]
    between = client.conversations_history(channel="C0SALES", oldest=ts[1], latest=ts[4])
    assert [m["text"] for m in between["messages"]] == ["3", "2"]
    assert between["latest"] == ts[4]
    inclusive = client.conversations_history(
        channel="C0SALES", oldest=ts[1], latest=ts[4], inclusive=True
    )
    assert [m["text"] for m in inclusive["messages"]] == ["4", "3", "2", "1"]
    pages = [
        [m["text"] for m in page["messages"]]
        for page in client.conversations_history(channel="C0SALES", oldest=ts[0], limit=4)
    ]
    assert pages == [["6", "5", "4", "3"], ["2", "1"]]
    first = client.conversations_history(channel="C0SALES", limit=3)
    assert first["has_more"] is True and first["response_metadata"]["next_cursor"]


def test_history_refuses_bad_arguments(client: WebClient) -> None:
    assert error_of(lambda: client.conversations_history(channel="C0SALES", cursor="nope")) == (
        "invalid_cursor"
    )
    assert error_of(lambda: client.conversations_history(channel="C0SALES", oldest="soon")) == (
        "invalid_ts_oldest"
    )
    assert error_of(lambda: client.conversations_history(channel="C0SALES", latest="x")) == (
        "invalid_ts_latest"
    )
    assert error_of(lambda: client.api_call("conversations.history", params={})) == (
        "invalid_arguments"
    )


def test_replies_parent_first_then_oldest_first(client: WebClient) -> None:
    parent = client.chat_postMessage(channel="C0SALES", text="card", metadata=tag(1))["ts"]
    replies = [
        client.chat_postMessage(channel="C0SALES", text=f"r{i}", thread_ts=parent, metadata=tag(i))[
            "ts"
        ]
        for i in range(2, 5)
    ]
    resp = client.conversations_replies(channel="C0SALES", ts=parent, include_all_metadata=True)
    assert [m["text"] for m in resp["messages"]] == ["card", "r2", "r3", "r4"]
    assert [m["metadata"]["event_payload"]["outbox_id"] for m in resp["messages"]] == [1, 2, 3, 4]
    assert (
        resp["messages"][0]["reply_count"] == 3
        and resp["messages"][0]["latest_reply"] == (replies[-1])
    )
    assert all(m["thread_ts"] == parent and m["parent_user_id"] for m in resp["messages"][1:])
    plain = client.conversations_replies(channel="C0SALES", ts=parent)
    assert not any("metadata" in m for m in plain["messages"])
    by_reply = client.conversations_replies(channel="C0SALES", ts=replies[1])
    assert [m["ts"] for m in by_reply["messages"]] == [parent, *replies]


def test_replies_window_keeps_the_parent_and_pages_leave_it_out(client: WebClient) -> None:
    parent = client.chat_postMessage(channel="C0SALES", text="card")["ts"]
    ts = [
        client.chat_postMessage(channel="C0SALES", text=f"r{i}", thread_ts=parent)["ts"]
        for i in range(5)
    ]
    after = client.conversations_replies(channel="C0SALES", ts=parent, oldest=ts[2])
    assert [m["text"] for m in after["messages"]] == ["card", "r3", "r4"]
    pages = [
        [m["text"] for m in page["messages"]]
        for page in client.conversations_replies(channel="C0SALES", ts=parent, limit=3)
    ]
    assert pages == [["card", "r0", "r1"], ["r2", "r3", "r4"]]


def test_replies_of_a_lone_message_and_of_nothing(client: WebClient) -> None:
    lone = client.chat_postMessage(channel="C0SALES", text="alone")["ts"]
    resp = client.conversations_replies(channel="C0SALES", ts=lone)
    assert [m["ts"] for m in resp["messages"]] == [lone] and resp["has_more"] is False
    assert error_of(lambda: client.conversations_replies(channel="C0SALES", ts="1.000001")) == (
        "thread_not_found"
    )
    assert error_of(lambda: client.api_call("conversations.replies", params={"channel": "C0SALES"}))
    assert error_of(
        lambda: client.api_call("conversations.replies", json={"channel": "C0SALES", "ts": lone})
    ) == ("invalid_arguments")


def test_deleted_messages_leave_history_and_parents_leave_a_tombstone(client: WebClient) -> None:
    gone = client.chat_postMessage(channel="C0SALES", text="gone")["ts"]
    parent = client.chat_postMessage(channel="C0SALES", text="parent")["ts"]
    client.chat_postMessage(channel="C0SALES", text="reply", thread_ts=parent)
    client.chat_delete(channel="C0SALES", ts=gone)
    client.chat_delete(channel="C0SALES", ts=parent)
    shown = client.conversations_history(channel="C0SALES")["messages"]
    assert [(m["ts"], m.get("subtype")) for m in shown] == [(parent, "tombstone")]
    thread = client.conversations_replies(channel="C0SALES", ts=parent)["messages"]
    assert [m["text"] for m in thread] == ["This message was deleted.", "reply"]
    assert error_of(lambda: client.conversations_replies(channel="C0SALES", ts=gone)) == (
        "thread_not_found"
    )


@pytest.mark.parametrize("method", ["conversations_history", "conversations_replies"])
def test_reading_needs_membership(client: WebClient, method: str) -> None:
    read = getattr(client, method)
    assert error_of(lambda: read(channel="C0RANDOM", ts="1.000001")) == "not_in_channel"
    assert error_of(lambda: read(channel="G0PRIV", ts="1.000001")) == "channel_not_found"
    assert error_of(lambda: read(channel="C0NOPE", ts="1.000001")) == "channel_not_found"
    assert error_of(lambda: read(channel="U0ANN", ts="1.000001")) == "channel_not_found"
    client.conversations_join(channel="C0RANDOM")
    ts = client.chat_postMessage(channel="C0RANDOM", text="hi")["ts"]
    assert read(channel="C0RANDOM", ts=ts)["messages"][0]["text"] == "hi"


def test_a_dm_opened_by_the_bot_can_be_read(client: WebClient) -> None:
    dm = client.conversations_open(users="U0BOB")["channel"]["id"]
    ts = client.chat_postMessage(channel=dm, text="psst", metadata=TAG)["ts"]
    resp = client.conversations_history(channel=dm, include_all_metadata=True)
    assert [(m["ts"], m["metadata"]) for m in resp["messages"]] == [(ts, TAG)]
    assert client.conversations_replies(channel=dm, ts=ts)["messages"][0]["text"] == "psst"


def test_a_reply_threads_under_its_parent_in_its_own_channel_only(
    standin: SlackStandIn, client: WebClient
) -> None:
    parent = client.chat_postMessage(channel="C0SALES", text="card")["ts"]
    reply = client.chat_postMessage(channel="C0SALES", text="line", thread_ts=parent)
    again = client.chat_postMessage(channel="C0SALES", text="more", thread_ts=reply["ts"])
    assert reply["message"]["thread_ts"] == parent == again["message"]["thread_ts"]
    assert [m.text for m in standin.thread("C0SALES", parent)] == ["card", "line", "more"]
    # The same ts named in another channel is no message there.
    client.conversations_join(channel="C0RANDOM")
    client.chat_postMessage(channel="C0RANDOM", text="x", thread_ts=parent)
    assert standin.find_message("C0RANDOM", parent) is None
    assert standin.find_message(None, parent).text == "card"
    assert standin.thread("C0SALES", parent)[-1].text == "more"


def test_a_poll_for_new_messages_reads_only_those_stored_since(
    standin: SlackStandIn, client: WebClient
) -> None:
    first = client.chat_postMessage(channel="C0SALES", text="one")["ts"]
    found, seen = standin.messages_after("C0SALES", 0)
    assert [m.text for m in found] == ["one"]
    client.chat_postMessage(channel="C0SALES", text="reply", thread_ts=first)  # not top level
    client.conversations_join(channel="C0RANDOM")
    client.chat_postMessage(channel="C0RANDOM", text="other channel")
    client.chat_postMessage(channel="C0SALES", text="two")
    found, later = standin.messages_after("C0SALES", seen)
    assert [m.text for m in found] == ["two"] and later > seen
    assert standin.messages_after("C0SALES", later) == ([], later)
