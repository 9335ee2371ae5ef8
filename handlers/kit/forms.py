"""Modal state flattened into plain form data, in one place."""

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.common.errors import InvalidInput
from bot.i18n import _
from handlers.kit.context import quick
from handlers.kit.inbound import clean
from handlers.kit.modals import plain
from handlers.kit.mrkdwn import mentioned, plain_text

ERROR_MAX = 2000  # Slack's limit on a field's error in a modal
NOTICE_MAX = 3000  # ... and on a section's text
TEXT_INPUTS = ("plain_text_input", "email_text_input", "url_text_input", "number_input")


def form_values(view: dict) -> dict[str, Any]:
    """{block_id: value} of a submitted view: text cleaned, options by value, '' or [] if empty."""
    # Each field is read as the view declares it (a forged state cannot turn a text field
    # into a list); a state Slack would not send is refused as a broken form.
    state = view.get("state") if isinstance(view, dict) else None
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        raise InvalidInput("broken_form")
    declared = _fields(view)
    out: dict[str, Any] = {}
    for block_id, actions in values.items():
        if not isinstance(actions, dict):
            raise InvalidInput("broken_form")
        for action_id, element in actions.items():
            if not isinstance(element, dict):
                raise InvalidInput("broken_form")
            kind, lines = element.get("type"), False
            if declared:
                if declared.get(block_id, ("",))[0] != action_id:
                    raise InvalidInput("broken_form")  # not a field of this view
                __, kind, lines = declared[block_id]
            out[block_id] = _value(element, kind, lines=lines)
    return out


def _blocks(view: Any) -> list[dict]:
    blocks = view.get("blocks") if isinstance(view, dict) else None
    return [b for b in blocks if isinstance(b, dict)] if isinstance(blocks, list) else []


def _fields(view: dict) -> dict[str, tuple[str, str, bool]]:
    """{block_id: (action_id, element type, newlines allowed)} of the view's input blocks."""
    fields = {}
    for block in _blocks(view):
        element = block.get("element")
        if block.get("type") == "input" and isinstance(element, dict):
            fields[block.get("block_id")] = (
                element.get("action_id"),
                element.get("type"),
                bool(element.get("multiline")),
            )
    return fields


def _chosen(option: Any) -> str:
    value = option.get("value") if isinstance(option, dict) else None
    return clean(value, lines=False)


def _value(element: dict, kind: Any, *, lines: bool) -> Any:
    if kind in TEXT_INPUTS:
        return clean(element.get("value"), lines=lines).strip()
    if kind in ("static_select", "external_select", "radio_buttons"):
        return _chosen(element.get("selected_option"))
    if kind == "users_select":
        return clean(element.get("selected_user"), lines=False)
    if kind == "conversations_select":
        return clean(element.get("selected_conversation"), lines=False)
    if kind == "multi_users_select":
        users = element.get("selected_users")
        users = users if isinstance(users, list) else []
        return [u for u in (clean(u, lines=False) for u in users) if u]
    if kind == "datepicker":
        return clean(element.get("selected_date"), lines=False)
    if kind in ("checkboxes", "multi_static_select"):
        options = element.get("selected_options")
        return [_chosen(o) for o in options] if isinstance(options, list) else []
    return clean(element.get("value"), lines=lines)


def display_names(client: WebClient | None, user_ids: list[str]) -> dict[str, str]:
    """user id -> the name Slack shows for them, for text where a mention cannot render."""
    names: dict[str, str] = {}
    if client is None:
        return names
    for uid in user_ids[:5]:  # before the ack: a few quick calls at most
        try:
            user = quick(client).users_info(user=uid).get("user") or {}
        except (SlackApiError, OSError):
            continue
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("name")
        if name:
            names[uid] = name
    return names


def refusal(view: dict, errors: dict[str, str], client: WebClient | None = None) -> dict:
    """The ack that shows field errors in the form it answers (Slack refuses the others).

    Slack shows a field's error as plain text, so mrkdwn is undone there and a mention
    becomes the person's display name (looked up with `client`; their id without one).
    """
    # An error about a field the view does not show (a forged or outdated form) goes under
    # its first field; a view without fields gives way to a notice saying the same.
    inputs = [block for block in _fields(view) if isinstance(block, str)]
    shown = {k: v for k, v in errors.items() if k in inputs}
    strays = [v for k, v in errors.items() if k not in inputs]
    if strays and inputs:
        shown.setdefault(inputs[0], strays[0])
    if shown:
        names = display_names(client, mentioned(" ".join(shown.values())))
        plain_errors = {k: plain_text(v, names)[:ERROR_MAX] for k, v in shown.items()}
        return {"response_action": "errors", "errors": plain_errors}
    notice = {
        "type": "modal",
        "title": plain("dealbot"),
        "close": plain(_("Close")),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": strays[0][:NOTICE_MAX]}}],
    }
    return {"response_action": "update", "view": notice}
