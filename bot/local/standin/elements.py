"""Find interactive elements in Block Kit and turn plain choices into Slack's value shapes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

# The key under which Slack reports each element's current value, and its initial_* source.
VALUE_KEYS: dict[str, str] = {
    "plain_text_input": "value",
    "number_input": "value",
    "email_text_input": "value",
    "url_text_input": "value",
    "rich_text_input": "rich_text_value",
    "static_select": "selected_option",
    "external_select": "selected_option",
    "radio_buttons": "selected_option",
    "overflow": "selected_option",
    "multi_static_select": "selected_options",
    "multi_external_select": "selected_options",
    "checkboxes": "selected_options",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
    "datetimepicker": "selected_date_time",
    "users_select": "selected_user",
    "multi_users_select": "selected_users",
    "conversations_select": "selected_conversation",
    "multi_conversations_select": "selected_conversations",
    "channels_select": "selected_channel",
    "multi_channels_select": "selected_channels",
}
STATELESS = {"overflow", "button", "workflow_button"}


def initial_key(value_key: str) -> str:
    """The initial_* attribute matching a state value key (selected_user -> initial_user)."""
    return "initial_" + value_key.removeprefix("selected_")


def block_id_of(block: dict[str, Any], index: int) -> str:
    """The block's id, or the stable id Slack would have assigned to it."""
    return block.get("block_id") or hashlib.sha1(str(index).encode()).hexdigest()[:5]


def iter_elements(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield (block_id, element, block type) for every interactive element, in order."""
    for i, block in enumerate(blocks):
        bid, kind = block_id_of(block, i), block.get("type", "")
        if kind in ("actions", "context_actions"):
            for el in block.get("elements", []):
                yield bid, el, kind
        elif kind == "section" and isinstance(block.get("accessory"), dict):
            if "action_id" in block["accessory"] or block["accessory"].get("type") == "button":
                yield bid, block["accessory"], kind
        elif kind == "input" and isinstance(block.get("element"), dict):
            yield bid, block["element"], kind


def find_element(
    blocks: list[dict[str, Any]], action_id: str, value: str | None = None
) -> tuple[str, dict[str, Any]] | None:
    """The (block_id, element) with this action_id (and button value, if given)."""
    for bid, el, _kind in iter_elements(blocks):
        if el.get("action_id") == action_id and value in (None, el.get("value")):
            return bid, el
    return None


def all_options(element: dict[str, Any]) -> list[dict[str, Any]]:
    """The element's options, flattened out of option_groups."""
    opts = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        opts += group.get("options", [])
    return opts


def option_for(element: dict[str, Any], choice: Any) -> dict[str, Any]:
    """The option whose value (or, failing that, text) is `choice`."""
    if isinstance(choice, dict):
        return choice
    opts = all_options(element)
    for key in ("value", "text"):
        for opt in opts:
            got = opt.get("value") if key == "value" else (opt.get("text") or {}).get("text")
            if got == choice or (isinstance(got, str) and got.lower() == str(choice).lower()):
                return {k: v for k, v in opt.items() if k in ("text", "value", "description")}
    names = ", ".join(repr(o.get("value")) for o in opts)
    raise ValueError(f"{element.get('action_id')}: no option {choice!r} (options: {names})")


def to_state_value(element: dict[str, Any], choice: Any) -> Any:
    """Turn a plain choice ("proposal", "U0BOB", ["a", "b"], 12) into Slack's shape."""
    key = VALUE_KEYS.get(element.get("type", ""), "value")
    if choice is None:
        return [] if key.endswith("s") and key != "value" else None
    if key == "selected_option":
        return option_for(element, choice)
    if key == "selected_options":
        items = choice if isinstance(choice, list) else [choice]
        return [option_for(element, c) for c in items]
    if key.endswith("s") and not isinstance(choice, list):
        return [choice]
    return str(choice) if key == "value" else choice


def initial_value(element: dict[str, Any]) -> Any:
    """The element's current value as Slack shows it (its initial_* attribute)."""
    key = VALUE_KEYS.get(element.get("type", ""), "value")
    found = element.get(initial_key(key))
    if found is None and key.endswith("s") and key != "value":
        return []
    return found


def state_entry(element: dict[str, Any], state_value: Any) -> dict[str, Any]:
    """One `state.values[block_id][action_id]` entry."""
    key = VALUE_KEYS.get(element.get("type", ""), "value")
    return {"type": element.get("type"), key: state_value}


def block_state(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """`state.values` of every stateful element at its initial value."""
    values: dict[str, dict[str, Any]] = {}
    for bid, el, _kind in iter_elements(blocks):
        if el.get("type") in STATELESS or "action_id" not in el:
            continue
        values.setdefault(bid, {})[el["action_id"]] = state_entry(el, initial_value(el))
    return values
