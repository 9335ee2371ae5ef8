"""Fill a modal's input blocks the way the Slack client does, refusing what it would refuse."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from bot.local.standin.elements import (
    block_id_of,
    initial_value,
    iter_elements,
    state_entry,
    to_state_value,
)


class FormError(ValueError):
    """The Slack client would not let the user submit this (a required field is empty, ...)."""


def _empty(value: Any) -> bool:
    return value in (None, "", [])


def _check_input(label: str, element: dict[str, Any], value: Any) -> None:
    kind = element.get("type")
    if kind == "number_input" and not _empty(value):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise FormError(f"{label}: {value!r} is not a number") from None
        if not element.get("is_decimal_allowed") and number != number.to_integral_value():
            raise FormError(f"{label}: whole numbers only")
        low, high = element.get("min_value"), element.get("max_value")
        if (low is not None and number < Decimal(low)) or (
            high is not None and number > Decimal(high)
        ):
            raise FormError(f"{label}: must be between {low} and {high}")
    if kind == "plain_text_input" and isinstance(value, str):
        low, high = element.get("min_length") or 0, element.get("max_length") or 3000
        if value and not low <= len(value) <= high:
            raise FormError(f"{label}: length must be {low}..{high} characters")


def submission_state(
    view: dict[str, Any], values: dict[str, Any] | None
) -> dict[str, dict[str, Any]]:
    """`state.values` for submitting `view`, from plain values keyed by block_id (or action_id)."""
    given = dict(values or {})
    state: dict[str, dict[str, Any]] = {}
    blocks = view.get("blocks") or []
    inputs = {block_id_of(b, i): b for i, b in enumerate(blocks) if b.get("type") == "input"}
    for bid, el, kind in iter_elements(blocks):
        if "action_id" not in el or el.get("type") in ("button", "overflow"):
            continue
        aid = el["action_id"]
        key = bid if bid in given else aid if aid in given else None
        raw = given.pop(key) if key is not None else None
        value = to_state_value(el, raw) if key is not None else initial_value(el)
        if kind == "input":
            block = inputs[bid]
            label = (block.get("label") or {}).get("text", bid)
            if _empty(value) and not block.get("optional"):
                raise FormError(f"{label}: this field is required")
            _check_input(label, el, value)
        state.setdefault(bid, {})[aid] = state_entry(el, value)
    if given:
        raise FormError(f"no input for {', '.join(map(repr, given))} in this view")
    return state
