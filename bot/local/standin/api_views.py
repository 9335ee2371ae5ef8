"""Stand-in Web API methods for modals and the Home tab (views.*)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.checks import check_view
from bot.local.standin.errors import ApiError
from bot.local.standin.workspace import Workspace


def _checked(view: Any, kind: str | None = None) -> dict[str, Any]:
    problems = check_view(view)
    if not problems and kind and view["type"] != kind:
        problems = [f"view type must be {kind!r} here, got {view['type']!r}"]
    if problems:
        raise ApiError("invalid_arguments", problems)
    return view


def _external_id_free(s: Workspace, view: dict[str, Any], own_id: str | None = None) -> None:
    ext = view.get("external_id")
    if ext and any(v.get("external_id") == ext and i != own_id for i, v in s.views.items()):
        raise ApiError("duplicate_external_id")


def build_view(
    s: Workspace,
    view: dict[str, Any],
    *,
    vid: str | None = None,
    root: str | None = None,
    previous: str | None = None,
) -> dict[str, Any]:
    """The stored view as Slack returns it (id, hash, empty state, app ids)."""
    vid = vid or s.new_id("V")
    return {
        "id": vid,
        "team_id": s.team_id,
        "type": view["type"],
        "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "state": {"values": {}},
        "hash": s.new_hash(),
        "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close", False)),
        "notify_on_close": bool(view.get("notify_on_close", False)),
        "close": view.get("close"),
        "submit": view.get("submit"),
        "previous_view_id": previous,
        "root_view_id": root or vid,
        "app_id": s.app_id,
        "external_id": view.get("external_id", ""),
        "app_installed_team_id": s.team_id,
        "bot_id": s.bot_id,
    }


def views_open(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.open: a new modal stack for the user the trigger belongs to."""
    view = _checked(args["view"], "modal")
    user = s.use_trigger(args.get("trigger_id") or args.get("interactivity_pointer"))
    _external_id_free(s, view)
    rec = build_view(s, view)
    s.show_view(user, rec, replace_stack=True)
    return {"ok": True, "view": rec}


def views_push(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.push: a modal on top of the user's open stack (at most 3 deep)."""
    view = _checked(args["view"], "modal")
    user = s.use_trigger(args.get("trigger_id") or args.get("interactivity_pointer"))
    stack = s.stacks.get(user, [])
    if not stack:
        raise ApiError("not_found")
    if len(stack) >= m.MAX_PUSH_DEPTH:
        raise ApiError("push_limit_reached")
    _external_id_free(s, view)
    rec = build_view(s, view, root=s.views[stack[0]]["id"], previous=stack[-1])
    s.show_view(user, rec)
    return {"ok": True, "view": rec}


def views_update(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.update by view_id or external_id, refusing a stale hash."""
    vid = args.get("view_id")
    if not vid:
        ext = args.get("external_id")
        vid = next((i for i, v in s.views.items() if ext and v.get("external_id") == ext), None)
    old = s.views.get(vid or "")
    if old is None:
        raise ApiError("not_found")
    view = _checked(args["view"], old["type"])
    if args.get("hash") and args["hash"] != old["hash"]:
        raise ApiError("hash_conflict")
    _external_id_free(s, view, old["id"])
    rec = build_view(
        s, view, vid=old["id"], root=old["root_view_id"], previous=old["previous_view_id"]
    )
    s.replace_view(rec)
    return {"ok": True, "view": rec}


def views_publish(s: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """views.publish: the Home tab of one user."""
    user = args["user_id"]
    if user not in s.users:
        raise ApiError("user_not_found")
    view = _checked(args["view"], "home")
    old = s.views.get(s.homes.get(user, ""))
    if old and args.get("hash") and args["hash"] != old["hash"]:
        raise ApiError("hash_conflict")
    rec = build_view(s, view, vid=old["id"] if old else None)
    s.publish_home(user, rec)
    return {"ok": True, "view": rec}


HANDLERS: dict[str, Callable[[Workspace, dict[str, Any]], dict[str, Any]]] = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
