"""Modal state flattened into plain form data, in one place."""

from typing import Any


def form_values(view: dict) -> dict[str, Any]:
    """{block_id: value} of a submitted view: text stripped, options by value, '' or [] if empty."""
    out: dict[str, Any] = {}
    for block_id, actions in (view.get("state") or {}).get("values", {}).items():
        for element in actions.values():
            out[block_id] = _value(element)
    return out


def _value(element: dict) -> Any:
    kind = element.get("type")
    if kind in ("plain_text_input", "email_text_input", "url_text_input", "number_input"):
        return (element.get("value") or "").strip()
    if kind in ("static_select", "external_select", "radio_buttons"):
        return (element.get("selected_option") or {}).get("value", "")
    if kind == "users_select":
        return element.get("selected_user") or ""
    if kind == "multi_users_select":
        return list(element.get("selected_users") or [])
    if kind == "datepicker":
        return element.get("selected_date") or ""
    if kind in ("checkboxes", "multi_static_select"):
        return [o["value"] for o in element.get("selected_options") or []]
    return element.get("value") or ""
