"""The bodies Slack sends the app: slash command forms, interaction payloads, event envelopes.

Each is built from the stand-in's state as Slack would fill it in, with fresh trigger ids
and response_urls issued by the stand-in; the driver signs and sends them.
"""

from __future__ import annotations

import copy
import json
import time
from typing import Any
from urllib.parse import urlencode

from bot.local.standin.access import CHANNEL_TYPE, kind_of
from bot.local.standin.clicks import Found
from bot.local.standin.server import SlackStandIn


def form_body(payload: dict[str, Any]) -> str:
    """An interaction payload as Slack posts it: a form with one `payload` field of JSON."""
    return urlencode({"payload": json.dumps(payload)})


def channel_name(s: SlackStandIn, channel: str) -> str:
    """The channel's name as payloads carry it ("directmessage" for a DM)."""
    c = s.channels.get(channel, {})
    return "directmessage" if c.get("is_im") else c.get("name", channel)


def common(s: SlackStandIn, kind: str, user: str, token: str) -> dict[str, Any]:
    """The fields every interaction payload of `kind` by `user` starts with."""
    name = s.users[user]["name"]
    return {
        "type": kind,
        "user": {"id": user, "username": name, "name": name, "team_id": s.team_id},
        "api_app_id": s.app_id,
        "token": token,
        "team": {"id": s.team_id, "domain": s.team_domain},
        "enterprise": None,
        "is_enterprise_install": False,
    }


def slash_fields(
    s: SlackStandIn, text: str, *, user: str, channel: str, command: str, token: str
) -> dict[str, str]:
    """The form fields of a slash command `user` typed in `channel`."""
    return {
        "token": token,
        "team_id": s.team_id,
        "team_domain": s.team_domain,
        "channel_id": channel,
        "channel_name": channel_name(s, channel),
        "user_id": user,
        "user_name": s.users[user]["name"],
        "command": command,
        "text": text,
        "api_app_id": s.app_id,
        "is_enterprise_install": "false",
        "response_url": s.new_response_url(user=user, channel=channel),
        "trigger_id": s.new_trigger_id(user),
    }


def click_payload(
    s: SlackStandIn,
    found: Found,
    action: dict[str, Any],
    values: dict[str, Any],
    *,
    user: str,
    token: str,
) -> dict[str, Any]:
    """The block_actions payload of a click on what `found` holds: a view or a message."""
    msg, v = found[0], found[1]
    payload = {
        **common(s, "block_actions", user, token),
        "trigger_id": s.new_trigger_id(user),
        "state": {"values": values},
        "actions": [action],
    }
    if v is not None:
        payload["container"] = {"type": "view", "view_id": v["id"]}
        payload["view"] = {**copy.deepcopy(v), "state": {"values": values}}
    elif msg is not None:
        payload["container"] = {
            "type": "message",
            "message_ts": msg.ts,
            "channel_id": msg.channel,
            "is_ephemeral": bool(msg.ephemeral_to),
        }
        if msg.thread_ts:
            payload["container"]["thread_ts"] = msg.thread_ts
        payload["channel"] = {"id": msg.channel, "name": channel_name(s, msg.channel)}
        if not msg.ephemeral_to:
            payload["message"] = {**msg.to_slack(), "bot_id": s.bot_id, "app_id": s.app_id}
        payload["response_url"] = s.new_response_url(
            user=user, channel=msg.channel, message_ts=msg.ts
        )
    return payload


def envelope(
    s: SlackStandIn, event: dict[str, Any], *, seq: int, event_id: str | None, token: str
) -> dict[str, Any]:
    """An Events API event in its event_callback envelope, the `seq`th one sent."""
    c = s.channels.get(str(event.get("channel")))
    if event.get("type") == "message" and c is not None:
        event = {"channel_type": CHANNEL_TYPE[kind_of(c)], **event}
    now = time.time()
    return {
        "token": token,
        "team_id": s.team_id,
        "api_app_id": s.app_id,
        "event": {"event_ts": f"{now:.6f}", **event},
        "type": "event_callback",
        "event_id": event_id or f"Ev{seq:08d}DEMO",
        "event_time": int(now),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": s.team_id,
                "user_id": s.bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-demo-{seq}",
    }
