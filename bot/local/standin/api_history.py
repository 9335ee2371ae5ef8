"""Stand-in Web API methods that read messages back: conversations.history and .replies."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.api_chat import truthy
from bot.local.standin.errors import ApiError
from bot.local.standin.models import Message
from bot.local.standin.workspace import Workspace

CURSOR_PREFIX = "next_ts:"  # Slack's cursors decode to "next_ts:<ts without the dot>"


def _ts(value: Any, error: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        ts = Decimal(str(value))
    except InvalidOperation:
        raise ApiError(error, [f"not a timestamp: {value!r:.40}"]) from None
    if not ts.is_finite() or ts < 0:
        raise ApiError(error, [f"not a timestamp: {value!r:.40}"])
    return ts


def _limit(value: Any, default: int, most: int) -> int:
    if value in (None, ""):
        return default
    try:
        n = int(float(value))
    except (TypeError, ValueError):
        raise ApiError("invalid_arguments", [f"limit is not a number: {value!r:.40}"]) from None
    return default if n < 1 else min(n, most)


def encode_cursor(ts: str) -> str:
    """The cursor that resumes a listing at the message `ts`, in Slack's format."""
    return base64.b64encode((CURSOR_PREFIX + ts.replace(".", "")).encode()).decode()


def decode_cursor(cursor: Any) -> Decimal | None:
    """The ts a cursor resumes at (None for no cursor); invalid_cursor if it is not ours."""
    if cursor in (None, ""):
        return None
    try:
        text = base64.b64decode(str(cursor), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise ApiError("invalid_cursor") from None
    digits = text.removeprefix(CURSOR_PREFIX)
    if not text.startswith(CURSOR_PREFIX) or not digits.isdigit() or len(digits) < 7:
        raise ApiError("invalid_cursor")
    return Decimal(f"{digits[:-6]}.{digits[-6:]}")


class Window:
    """The oldest/latest/inclusive bounds of a listing."""

    def __init__(self, args: dict[str, Any]) -> None:
        self.oldest = _ts(args.get("oldest"), "invalid_ts_oldest")
        self.latest = _ts(args.get("latest"), "invalid_ts_latest")
        self.inclusive = truthy(args.get("inclusive"))

    def holds(self, ts: str) -> bool:
        """Whether a message with this ts falls inside the bounds."""
        t, edge = Decimal(ts), self.inclusive
        if self.oldest is not None and (t < self.oldest or (t == self.oldest and not edge)):
            return False
        return self.latest is None or t < self.latest or (t == self.latest and edge)


class Channel:
    """A channel's stored messages, indexed by ts and by thread."""

    def __init__(self, s: Workspace, cid: str) -> None:
        self.stored = s.stored_messages(cid)
        self.by_ts = {x.ts: x for x in self.stored}
        self.threads: dict[str, list[Message]] = {}
        for x in self.stored:
            if x.thread_ts and x.thread_ts != x.ts and not x.deleted:
                self.threads.setdefault(x.thread_ts, []).append(x)

    def replies(self, root: Message) -> list[Message]:
        """The live replies of a thread parent, oldest first."""
        return self.threads.get(root.ts, []) if root.thread_ts == root.ts else []


def _shown(s: Workspace, msg: Message, ch: Channel, meta: bool) -> dict[str, Any]:
    """A message as conversations.history/replies return it."""
    replies = ch.replies(msg)
    if msg.deleted:  # a deleted parent stays as a tombstone while it has replies
        out: dict[str, Any] = {
            "type": "message",
            "subtype": "tombstone",
            "hidden": True,
            "user": "USLACKBOT",
            "text": "This message was deleted.",
            "ts": msg.ts,
            "thread_ts": msg.ts,
        }
    else:
        out = {**msg.to_slack(metadata=meta), "team": s.team_id}
        out.pop("reply_count", None)
        if msg.user == s.bot_user_id:
            out.update(bot_id=s.bot_id, app_id=s.app_id)
    if replies:
        users = sorted({x.user for x in replies})
        out.update(
            reply_count=len(replies),
            reply_users=users,
            reply_users_count=len(users),
            latest_reply=replies[-1].ts,
        )
    elif msg.thread_ts and msg.thread_ts != msg.ts:
        parent = ch.by_ts.get(msg.thread_ts)
        if parent is not None:
            out["parent_user_id"] = parent.user
    return out


def _page(rest: list[Message], limit: int) -> tuple[list[Message], dict[str, Any]]:
    more = len(rest) > limit
    tail = {
        "has_more": more,
        "response_metadata": {"next_cursor": encode_cursor(rest[limit].ts) if more else ""},
    }
    return rest[:limit], tail


def history(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.history: the channel's own messages (and broadcast replies), newest first."""
    cid = s.readable_channel(args["channel"])
    window, resume = Window(args), decode_cursor(args.get("cursor"))
    limit = _limit(args.get("limit"), m.HISTORY_LIMIT, m.HISTORY_LIMIT_MAX)
    meta = truthy(args.get("include_all_metadata"))
    ch = Channel(s, cid)
    top = [
        x
        for x in ch.stored
        if (x.thread_ts in (None, x.ts) or x.broadcast) and (not x.deleted or ch.replies(x))
    ]
    rest = [
        x
        for x in reversed(top)
        if window.holds(x.ts) and (resume is None or Decimal(x.ts) <= resume)
    ]
    page, tail = _page(rest, limit)
    out: dict[str, Any] = {"ok": True, "messages": [_shown(s, x, ch, meta) for x in page]}
    out.update(tail, pin_count=0, channel_actions_ts=None, channel_actions_count=0)
    for key in ("oldest", "latest"):
        if args.get(key) not in (None, ""):
            out[key] = str(args[key])
    return out


def replies(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.replies: the parent first (on the first page), then replies oldest first."""
    cid = s.readable_channel(args["channel"])
    window, resume = Window(args), decode_cursor(args.get("cursor"))
    limit = _limit(args.get("limit"), m.REPLIES_LIMIT, m.REPLIES_LIMIT)
    meta = truthy(args.get("include_all_metadata"))
    ch = Channel(s, cid)
    msg = ch.by_ts.get(str(args["ts"]))
    if msg is not None and msg.thread_ts and msg.thread_ts != msg.ts:
        msg = ch.by_ts.get(msg.thread_ts)
    if msg is None or (msg.deleted and not ch.replies(msg)):
        raise ApiError("thread_not_found")
    rest = [
        x
        for x in ch.replies(msg)
        if window.holds(x.ts) and (resume is None or Decimal(x.ts) >= resume)
    ]
    lead = [msg] if resume is None else []  # Slack repeats no parent on later pages
    page, tail = _page(lead + rest, limit)
    return {"ok": True, "messages": [_shown(s, x, ch, meta) for x in page], **tail}


HANDLERS: dict[str, Callable[[Workspace, dict[str, Any]], dict[str, Any]]] = {
    "conversations.history": history,
    "conversations.replies": replies,
}
