"""What every outbox sender shares: tagging a post with its outbox id, finding it again,
and joining a public channel that removed dealbot (`joining`).

A post carries Slack message metadata (`event_type` dealbot_outbox, the row's id as
payload). When a send's outcome is unknown, the sender looks for that tag in the
channel (or the thread) before it posts again, so a lost reply never posts twice.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from storage.models import Outbox

log = logging.getLogger("dealbot")
T = TypeVar("T")

EVENT_TYPE = "dealbot_outbox"
LOOK_BACK = 200  # messages looked through for a tag; an uncertain send is recent


def tag(row: Outbox) -> dict:
    """The metadata that marks a post as this outbox row's."""
    return {"event_type": EVENT_TYPE, "event_payload": {"outbox_id": row.id}}


def _tagged(message: dict, row_id: int) -> bool:
    meta = message.get("metadata") or {}
    payload = meta.get("event_payload") or {}
    return meta.get("event_type") == EVENT_TYPE and payload.get("outbox_id") == row_id


def find_tagged(
    client: WebClient,
    row: Outbox,
    channel: str,
    *,
    thread_ts: str | None = None,
    since: datetime | None = None,
) -> str | None:
    """The ts of the message this row already posted in the channel or thread, if any."""
    oldest = f"{(since or row.created_at).timestamp() - 60:.6f}"
    # Reading a channel needs membership; dealbot posts only where it is a member, but
    # someone may have removed it since (a public channel it simply joins again).
    return joining(client, channel, lambda: _look(client, row, channel, thread_ts, oldest))


def joining(client: WebClient, channel: str, call: Callable[[], T]) -> T:
    """`call()`; when Slack answers not_in_channel, join the channel and call once more.

    Other errors are raised as they come. A join Slack refuses (a private channel:
    method_not_supported_for_channel_type; no channels:join scope: missing_scope) is
    logged, and the call's not_in_channel is raised (the join's error as its cause): the
    row pauses and the card's creator is asked to invite dealbot.
    """
    try:
        return call()
    except SlackApiError as e:
        if e.response.get("error") != "not_in_channel":
            raise
        try:
            client.conversations_join(channel=channel)
        except SlackApiError as join_error:
            log.info("cannot join %s: %s", channel, join_error.response.get("error"))
            raise e from join_error
        return call()


def _look(
    client: WebClient, row: Outbox, channel: str, thread_ts: str | None, oldest: str
) -> str | None:
    if thread_ts:
        resp = client.conversations_replies(
            channel=channel,
            ts=thread_ts,
            oldest=oldest,
            limit=LOOK_BACK,
            include_all_metadata=True,
        )
    else:
        resp = client.conversations_history(
            channel=channel, oldest=oldest, limit=LOOK_BACK, include_all_metadata=True
        )
    found = next((m for m in resp.get("messages", []) if _tagged(m, row.id)), None)
    return found["ts"] if found else None


def post_once(client: WebClient, row: Outbox, *, channel: str, **message) -> dict:
    """chat.postMessage tagged with the row, unless an earlier try of it already landed.

    Returns {"channel", "ts"} of the message, new or found.
    """
    if row.uncertain:
        ts = find_tagged(client, row, channel, thread_ts=message.get("thread_ts"))
        if ts:
            return {"channel": channel, "ts": ts}
    resp = client.chat_postMessage(channel=channel, metadata=tag(row), **message)
    return {"channel": resp["channel"], "ts": resp["ts"]}


def dm_once(client: WebClient, row: Outbox, **message) -> dict:
    """post_once to the row's user in their DM with dealbot (looked up in the DM channel)."""
    channel = row.user_id
    if row.uncertain:  # the DM channel has its own id, which history needs
        channel = client.conversations_open(users=row.user_id)["channel"]["id"]
    return post_once(client, row, channel=channel, **message)
