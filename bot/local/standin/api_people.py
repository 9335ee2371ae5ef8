"""Stand-in Web API methods about the workspace: auth, users and conversations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.local.standin.errors import ApiError
from bot.local.standin.workspace import Workspace


def auth_test(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """auth.test: who the bot token belongs to."""
    return {
        "ok": True,
        "url": f"https://{s.team_domain}.slack.com/",
        "team": s.team_name,
        "user": s.users[s.bot_user_id]["name"],
        "team_id": s.team_id,
        "user_id": s.bot_user_id,
        "bot_id": s.bot_id,
        "is_enterprise_install": False,
    }


def user_object(s: Workspace, uid: str) -> dict[str, Any]:
    """A user as users.info returns it."""
    u = s.users[uid]
    tz = u.get("tz", "UTC")
    now = datetime.now(ZoneInfo(tz))
    offset = now.utcoffset()
    return {
        "id": uid,
        "team_id": s.team_id,
        "name": u["name"],
        "deleted": False,
        "real_name": u.get("real_name", u["name"]),
        "tz": tz,
        "tz_label": now.tzname() or tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
        "profile": {
            "real_name": u.get("real_name", u["name"]),
            "display_name": u["name"],
            "email": u.get("email", f"{u['name']}@example.com"),
            "team": s.team_id,
        },
        "is_admin": bool(u.get("is_admin", False)),
        "is_owner": bool(u.get("is_owner", False)),
        "is_bot": bool(u.get("is_bot", False)),
        "is_restricted": bool(u.get("is_restricted", False)),  # a guest (multi-channel)
        "is_ultra_restricted": bool(u.get("is_ultra_restricted", False)),  # single-channel
        "is_app_user": False,
        "updated": 1700000000,
    }


def users_info(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """users.info; `locale` ("fi-FI") only with include_locale, as Slack does."""
    if args["user"] not in s.users:
        raise ApiError("user_not_found")
    user = user_object(s, args["user"])
    if str(args.get("include_locale", "")).lower() in ("1", "true"):
        user["locale"] = s.users[args["user"]].get("locale", "en-US")
    return {"ok": True, "user": user}


def users_lookup_by_email(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """users.lookupByEmail: the person whose profile has that email (case-insensitive)."""
    want = str(args["email"]).strip().casefold()
    for uid in s.users:
        if user_object(s, uid)["profile"]["email"].casefold() == want:
            return {"ok": True, "user": user_object(s, uid)}
    raise ApiError("users_not_found")


def conversations_open(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.open: a DM (one user) or group DM (several) with the bot."""
    if args.get("channel"):
        cid = s.visible_channel(args["channel"])["id"]
        return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": cid}}
    raw = args["users"]
    uids = raw if isinstance(raw, list) else [u.strip() for u in str(raw).split(",") if u.strip()]
    if not uids:
        raise ApiError("users_list_not_supplied")
    for uid in uids:
        if uid not in s.users:
            raise ApiError("user_not_found")
    existed = (s.dm_id(uids[0]) in s.channels) if len(uids) == 1 else False
    cid = s.open_dm(uids)
    out: dict[str, Any] = {"ok": True, "channel": {"id": cid}}
    if existed:
        out.update(no_op=True, already_open=True)
    if str(args.get("return_im", "")).lower() in ("1", "true"):
        out["channel"] = channel_object(s, cid)
    return out


def channel_object(s: Workspace, cid: str) -> dict[str, Any]:
    """A conversation as conversations.info returns it."""
    c = s.channels[cid]
    is_im = c.get("is_im", False)
    out: dict[str, Any] = {
        "id": cid,
        "created": 1700000000,
        "is_archived": bool(c.get("is_archived", False)),
        "is_im": is_im,
        "is_org_shared": False,
        "is_member": s.bot_user_id in c["members"],
    }
    if is_im:
        out["user"] = c["user"]
        return out
    out.update(
        name=c["name"],
        name_normalized=c["name"],
        is_channel=not c["is_private"],
        is_group=c["is_private"],
        is_private=c["is_private"],
        is_mpim=c.get("is_mpim", False),
        is_general=False,
        creator="U0ANN",
        num_members=len(c["members"]),
        topic={"value": "", "creator": "", "last_set": 0},
        purpose={"value": "", "creator": "", "last_set": 0},
    )
    return out


def conversations_info(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.info."""
    cid = s.visible_channel(args["channel"])["id"]
    return {"ok": True, "channel": channel_object(s, cid)}


def conversations_join(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """conversations.join: public channels only."""
    cid = args["channel"]
    c = s.channels.get(cid)
    if c is None:
        raise ApiError("channel_not_found")
    if c["is_private"] or c.get("is_im"):
        raise ApiError("method_not_supported_for_channel_type")
    if c.get("is_archived"):
        raise ApiError("is_archived")
    out: dict[str, Any] = {"ok": True}
    if s.bot_user_id in c["members"]:
        out["warning"] = "already_in_channel"
    else:
        c["members"].append(s.bot_user_id)
    out["channel"] = channel_object(s, cid)
    return out


HANDLERS: dict[str, Callable[[Workspace, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": auth_test,
    "users.info": users_info,
    "users.lookupByEmail": users_lookup_by_email,
    "conversations.open": conversations_open,
    "conversations.info": conversations_info,
    "conversations.join": conversations_join,
}
