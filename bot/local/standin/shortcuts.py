"""Shortcuts and external_select searches, played toward the app as Slack sends them.

Helpers over a `Driver` (bot/local/standin/driver.py): people post messages (a teammate,
a guest, a bot, someone of another organization in a shared channel), a user runs a
message shortcut on one or a global shortcut from the ⚡ menu (signed `message_action`
and `shortcut` payloads with a fresh trigger_id, which views.open then checks), and types
in an external_select (a signed `block_suggestion`; its answer is checked as Slack checks
it, and what the app may not answer is a contract failure).
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from bot import manifest
from bot.local.standin.driver import Driver
from bot.local.standin.elements import find_element
from bot.local.standin.models import Message, Reply
from bot.local.standin.server import SlackStandIn

OPTIONS_MAX = 100  # options (or option groups) in one block_suggestion answer
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
MIN_QUERY_DEFAULT = 3  # Slack's default min_query_length of an external_select


def add_person(
    s: SlackStandIn,
    uid: str,
    name: str,
    real_name: str,
    *,
    guest: bool = False,
    email: str | None = None,
    bot: bool = False,
) -> None:
    """Someone joins the workspace: a member, a guest (`is_restricted`) or a bot user."""
    with s.lock:
        s.users[uid] = {
            "id": uid,
            "name": name,
            "real_name": real_name,
            "tz": "UTC",
            "is_bot": bot,
            "is_restricted": guest,
            "team_id": s.team_id,
            **({"email": email} if email else {}),
        }


def add_channel(s: SlackStandIn, cid: str, name: str, members: list[str], **kw: Any) -> None:
    """A new channel (public unless is_private=True); the bot is in it if its id is listed."""
    with s.lock:
        s.channels[cid] = {"id": cid, "name": name, "is_private": False, **kw, "members": members}


def say(s: SlackStandIn, channel: str, user: str, text: str, **kw: Any) -> Message:
    """`user` posts `text` in the channel (or in a thread, with thread_ts=...)."""
    with s.lock:
        msg = Message(s.next_ts(), channel, user, text, [], thread_ts=kw.get("thread_ts"))
        s.add_message(msg)
    s.flush()
    return msg


def message_json(s: SlackStandIn, msg: Message, *, bot: bool = False, team: str = "") -> dict:
    """The message as a message_action payload carries it: a person's (`user`, `team`,
    `user_team` of `team`, this workspace's by default) or an app's (`bot_id`)."""
    out: dict[str, Any] = {"type": "message", "text": msg.text, "ts": msg.ts}
    if msg.thread_ts and msg.thread_ts != msg.ts:
        out["thread_ts"] = msg.thread_ts
    if bot:
        out.update(subtype="bot_message", bot_id="B0OTHERAPP", username="Web form")
        return out
    home = team or s.team_id
    out.update(
        user=msg.user,
        team=home,
        user_team=home,
        source_team=home,
        client_msg_id=str(uuid.uuid5(uuid.NAMESPACE_URL, msg.ts)),
    )
    return out


def message_shortcut(
    d: Driver,
    callback_id: str,
    msg: Message,
    *,
    user: str = "U0ANN",
    bot: bool = False,
    team: str = "",
) -> Reply:
    """`user` picks a message shortcut in the message's ⋮ menu: message_action."""
    s = d.standin
    c = s.channels.get(msg.channel, {})
    if c.get("is_private") and user not in c.get("members", []):
        raise LookupError(f"{user} cannot see {msg.channel}, so Slack shows them no shortcut")
    payload = {
        **d._common("message_action", user),
        "action_ts": f"{time.time():.6f}",
        "callback_id": callback_id,
        "trigger_id": s.new_trigger_id(user),
        "channel": {"id": msg.channel, "name": d._channel_name(msg.channel)},
        "message_ts": msg.ts,
        "message": message_json(s, msg, bot=bot, team=team),
        "response_url": s.new_response_url(user=user, channel=msg.channel),
    }
    payload["user"] = {"id": user, "name": s.users[user]["name"], "team_id": s.team_id}
    return d.post(urlencode({"payload": json.dumps(payload)}))


def global_shortcut(d: Driver, callback_id: str, *, user: str = "U0ANN") -> Reply:
    """`user` picks a global shortcut from the ⚡ menu (or the search bar): shortcut."""
    payload = {
        **d._common("shortcut", user),
        "action_ts": f"{time.time():.6f}",
        "callback_id": callback_id,
        "trigger_id": d.standin.new_trigger_id(user),
    }
    return d.post(urlencode({"payload": json.dumps(payload)}))


def suggest(d: Driver, view_id: str, action_id: str, typed: str, *, user: str = "U0ANN") -> list:
    """`user` types in an external_select of an open modal: the options the app answers.

    Slack sends nothing until `min_query_length` characters are typed (ValueError here);
    an answer Slack would refuse (not JSON, over 100 options, an option's text over 75
    characters or value over 150) is recorded as a contract failure and shows nothing."""
    s = d.standin
    if view_id not in [v["id"] for v in s.open_views(user)]:
        raise LookupError(f"view {view_id} is not open for {user}")
    view = copy.deepcopy(s.view(view_id) or {})
    found = find_element(view.get("blocks") or [], action_id)
    if found is None or found[1].get("type") not in ("external_select", "multi_external_select"):
        raise LookupError(f"no external_select {action_id!r} in view {view_id}")
    block_id, element = found
    if len(typed) < element.get("min_query_length", MIN_QUERY_DEFAULT):
        raise ValueError(f"Slack waits for {element.get('min_query_length', 3)} characters")
    payload = {
        **d._common("block_suggestion", user),
        "container": {"type": "view", "view_id": view_id},
        "action_id": action_id,
        "block_id": block_id,
        "value": typed,
        "view": view,
    }
    reply = d.post(urlencode({"payload": json.dumps(payload)}))
    options, problems = _answered(reply)
    if problems:
        with s.lock:
            s.contract_failures += [f"block_suggestion answer: {p}" for p in problems]
        return []
    return options


def _answered(reply: Reply) -> tuple[list, list[str]]:
    if reply.status != 200 or reply.json is None:
        return [], [f"HTTP {reply.status}, body {reply.body[:200]!r} is not a JSON object"]
    groups = reply.json.get("option_groups")
    options = reply.json.get("options")
    if groups is not None:
        options = [o for g in groups for o in g.get("options", [])]
    if not isinstance(options, list):
        return [], ["no `options` (or `option_groups`) list"]
    problems = []
    if len(groups if groups is not None else options) > OPTIONS_MAX:
        problems.append(f"{len(options)} options, Slack shows at most {OPTIONS_MAX}")
    for o in options:
        text = (o.get("text") or {}) if isinstance(o, dict) else {}
        value = o.get("value") if isinstance(o, dict) else None
        if text.get("type") != "plain_text" or not text.get("text"):
            problems.append(f"option {o!r}: text must be plain_text")
        elif len(text["text"]) > OPTION_TEXT_MAX:
            problems.append(f"option text over {OPTION_TEXT_MAX} characters: {text['text']!r}")
        if not isinstance(value, str) or not 0 < len(value) <= OPTION_VALUE_MAX:
            problems.append(f"option value must be 1..{OPTION_VALUE_MAX} characters: {value!r}")
    return options, problems


def pick(
    d: Driver,
    view_id: str,
    action_id: str,
    typed: str,
    value: str,
    *,
    user: str = "U0ANN",
) -> dict:
    """Type in an external_select and choose the option with `value` among those shown
    (LookupError when the app did not offer it): the option, to submit with the form."""
    for option in suggest(d, view_id, action_id, typed, user=user):
        if option.get("value") == value:
            return {k: option[k] for k in ("text", "value", "description") if k in option}
    raise LookupError(f"no option {value!r} offered for {typed!r}")


def callback_of(name: str) -> str:
    """The callback_id manifest.yml declares for the shortcut named `name` (what Slack sends)."""
    found = [
        s["callback_id"] for s in manifest.load()["features"]["shortcuts"] if s["name"] == name
    ]
    if not found:
        raise LookupError(f"manifest.yml declares no shortcut named {name!r}")
    return found[0]
