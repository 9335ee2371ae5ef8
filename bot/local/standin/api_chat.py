"""Stand-in Web API methods that post and change messages (chat.*)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.checks import check_blocks, check_metadata
from bot.local.standin.errors import ApiError
from bot.local.standin.models import Message
from bot.local.standin.workspace import Workspace


def content(args: dict[str, Any], *, max_text: int = m.MAX_TEXT) -> tuple[str | None, Any]:
    """Check a message's text and blocks; raise the error Slack would answer with."""
    text, blocks = args.get("text"), args.get("blocks")
    if not text and not blocks:
        raise ApiError("no_text", ["message has neither text nor blocks"])
    if blocks is not None:
        problems = check_blocks(blocks, limit=m.MAX_BLOCKS_MESSAGE)
        if problems:
            raise ApiError("invalid_blocks", problems)
    if isinstance(text, str) and len(text) > max_text:
        raise ApiError("msg_too_long", [f"text is {len(text)} characters, limit {max_text}"])
    return text, blocks


def metadata(args: dict[str, Any]) -> dict[str, Any] | None:
    """The message metadata in `args` ({} when given empty, None when absent), checked."""
    meta = args.get("metadata")
    if meta is None:
        return None
    refused = check_metadata(meta)
    if refused:
        raise ApiError(*refused)
    return meta


def truthy(value: Any) -> bool:
    """A boolean argument as Slack reads it from JSON (true) or a form ("true", "1")."""
    return value is True or str(value).lower() in ("1", "true")


def _thread_parent(s: Workspace, cid: str, thread_ts: Any) -> str | None:
    if not thread_ts:
        return None
    parent = s.find_message(cid, str(thread_ts))
    if parent is None:
        s.warnings.append(f"thread_ts {thread_ts} is not a message in {cid}")
        return str(thread_ts)
    root = s.find_message(cid, parent.thread_ts) if parent.thread_ts else parent
    root = root or parent
    root.thread_ts = root.ts
    root.reply_count += 1
    return root.ts


def post_message(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.postMessage."""
    cid = s.postable_channel(args["channel"], public_write=True)
    text, blocks = content(args)
    meta = metadata(args) or None
    thread_ts = _thread_parent(s, cid, args.get("thread_ts"))
    msg = Message(s.next_ts(), cid, s.bot_user_id, text or "", blocks or [], thread_ts=thread_ts)
    msg.metadata = meta
    msg.broadcast = bool(thread_ts) and truthy(args.get("reply_broadcast"))
    s.add_message(msg)
    body = {**msg.to_slack(), "bot_id": s.bot_id, "app_id": s.app_id}
    return {"ok": True, "channel": cid, "ts": msg.ts, "message": body}


def post_ephemeral(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.postEphemeral: visible only to `user`."""
    cid = s.postable_channel(args["channel"])
    user = args["user"]
    if user not in s.channels[cid]["members"]:
        raise ApiError("user_not_in_channel")
    text, blocks = content(args)
    if not isinstance(args.get("metadata", {}), dict):  # else ignored: ephemerals keep none
        raise ApiError("invalid_metadata_format", ["metadata must be a JSON object"])
    msg = Message(
        s.next_ts(),
        cid,
        s.bot_user_id,
        text or "",
        blocks or [],
        thread_ts=args.get("thread_ts") or None,
        ephemeral_to=user,
        kind="ephemeral",
    )
    s.add_message(msg)
    return {"ok": True, "message_ts": msg.ts}


def _own_message(s: Workspace, args: dict[str, Any]) -> Message:
    c = s.visible_channel(args["channel"])
    msg = s.find_message(c["id"], str(args["ts"]))
    if msg is None or msg.deleted or msg.ephemeral_to:
        raise ApiError("message_not_found")
    if msg.user != s.bot_user_id:
        raise ApiError("cant_update_message")
    if c.get("is_archived"):
        raise ApiError("is_archived")  # an archived channel is read-only
    return msg


def update(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.update: new text and/or blocks; omitted fields are kept, as Slack does."""
    msg = _own_message(s, args)
    text, blocks = content(args, max_text=m.MAX_UPDATE_TEXT)
    meta = metadata(args)
    if meta is not None:  # absent keeps the old metadata; {} removes it (Slack's reference)
        msg.metadata = meta or None
    s.change_message(msg, text=text, blocks=blocks)
    out = {"ok": True, "channel": msg.channel, "ts": msg.ts, "text": msg.text}
    out["message"] = {**msg.to_slack(), "bot_id": s.bot_id, "edited": {"user": s.bot_user_id}}
    return out


def delete(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.delete."""
    msg = _own_message(s, args)
    s.change_message(msg, deleted=True)
    return {"ok": True, "channel": msg.channel, "ts": msg.ts}


def get_permalink(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """chat.getPermalink."""
    cid = s.visible_channel(args["channel"])["id"]
    msg = s.find_message(cid, str(args["message_ts"]))
    if msg is None or msg.deleted or msg.ephemeral_to:
        raise ApiError("message_not_found")
    link = f"https://{s.team_domain}.slack.com/archives/{cid}/p{msg.ts.replace('.', '')}"
    if msg.thread_ts and msg.thread_ts != msg.ts:
        link += f"?thread_ts={msg.thread_ts}&cid={cid}"
    return {"ok": True, "channel": cid, "permalink": link}


HANDLERS: dict[str, Callable[[Workspace, dict[str, Any]], dict[str, Any]]] = {
    "chat.postMessage": post_message,
    "chat.postEphemeral": post_ephemeral,
    "chat.update": update,
    "chat.delete": delete,
    "chat.getPermalink": get_permalink,
}
