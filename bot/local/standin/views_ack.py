"""What Slack does with the app's answer to a view_submission (response_action)."""

from __future__ import annotations

from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.api_views import build_view
from bot.local.standin.checks import check_view
from bot.local.standin.ledger import Ledger
from bot.local.standin.models import Reply


def apply_view_ack(
    s: Ledger, user: str, view: dict[str, Any], reply: Reply
) -> dict[str, str] | None:
    """Close, update, push or keep the submitted view; return field errors shown to the user."""
    ack = reply.json or {}
    action = ack.get("response_action")
    vid = view["id"]
    problems: list[str] = []
    errors = None
    if reply.body.strip() and reply.json is None:
        problems.append(f"ack body is not JSON: {reply.body[:80]!r}")
    elif action is None and ack:
        problems.append(f"ack JSON without response_action: {sorted(ack)}")
    elif action == "errors":
        errors = ack.get("errors") or {}
        inputs = {b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"}
        problems += [
            f"errors key {k!r} is not an input block_id" for k in errors if k not in inputs
        ]
        if not errors:
            problems.append("response_action errors with no errors")
    elif action in ("update", "push"):
        problems += check_view(ack.get("view"))
        if not problems and ack["view"].get("type") != "modal":
            problems.append("response_action view must be a modal")
        if action == "push" and len(s.stacks.get(user, [])) >= m.MAX_PUSH_DEPTH:
            problems.append("push_limit_reached")
        if not problems:
            with s.lock:
                stack = s.stacks.get(user, [])
                if action == "update":
                    old = s.views[vid]
                    s.replace_view(
                        build_view(
                            s,
                            ack["view"],
                            vid=vid,
                            root=old["root_view_id"],
                            previous=old["previous_view_id"],
                        )
                    )
                else:
                    s.show_view(user, build_view(s, ack["view"], root=stack[0], previous=vid))
    elif action == "clear":
        s.close_modal(user, vid, clear=True)
    elif action is not None:
        problems.append(f"unknown response_action {action!r}")
    if action is None and not problems:
        s.close_modal(user, vid)
    with s.lock:
        s.contract_failures += [f"view_submission ack: {p}" for p in problems]
    s.flush()
    return errors
