"""What a click is: the element a user clicks, the action Slack reports, the form state."""

from __future__ import annotations

import time
from typing import Any

from bot.local.standin.elements import VALUE_KEYS, block_state, find_element, to_state_value
from bot.local.standin.models import Message
from bot.local.standin.server import SlackStandIn

Found = tuple[Message | None, dict[str, Any] | None, str, dict[str, Any]]


def locate(
    s: SlackStandIn, action_id: str, value: str | None, user: str, message: Any, view: Any
) -> Found:
    """The message or view holding the element, its block_id and the element itself.

    Without a message or view, look where the user is: open modals, then what they see,
    newest first, then their Home tab.
    """
    if isinstance(view, str):
        view = s.view(view)
    if isinstance(message, str):
        message = s.find_message(None, message)
    candidates: list[tuple[Message | None, dict[str, Any] | None]] = []
    if view is not None or message is not None:
        candidates = [(message, view)]
    else:
        candidates += [(None, v) for v in reversed(s.open_views(user))]
        candidates += [(x, None) for x in reversed(s.visible_to(user))]
        home = s.home(user)
        candidates += [(None, home)] if home else []
    for msg, v in candidates:
        blocks = (v or {}).get("blocks") if v is not None else (msg.blocks if msg else [])
        found = find_element(blocks or [], action_id, value)
        if found:
            return msg, v, *found
    raise LookupError(f"no element with action_id {action_id!r} (value {value!r}) for {user}")


def action_and_state(
    found: Found, action_id: str, selected: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The `actions` entry for the click and the `state.values` of the surface around it."""
    msg, v, block_id, el = found
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id,
        "type": el.get("type"),
        "action_ts": f"{time.time():.6f}",
    }
    for key in ("text", "value", "style", "placeholder"):
        if key in el:
            action[key] = el[key]
    blocks = (v or {}).get("blocks") or (msg.blocks if msg else [])
    values = block_state(blocks)
    if el.get("type") not in ("button", "workflow_button"):
        if selected is None and el.get("type") == "overflow":
            raise ValueError(f"{action_id}: overflow needs selected=<option value>")
        state_value = to_state_value(el, selected) if selected is not None else None
        entry = {VALUE_KEYS.get(el.get("type", ""), "value"): state_value}
        action.update(entry)
        if block_id in values and action_id in values[block_id]:
            values[block_id][action_id].update(entry)
    return action, values
