"""The duplicate warning of the New lead form: the same form again, what was typed kept,
with a "Create it anyway" box to tick; ticked, the next submit creates the deal."""

import copy

from sqlmodel import Session

from bot.deals import duplicates
from bot.i18n import _
from handlers.kit.ids import Verb

KEPT = ("type", "callback_id", "title", "submit", "close", "private_metadata")
INITIAL = {  # how a submitted value is put back as an element's initial value
    "plain_text_input": ("value", "initial_value"),
    "static_select": ("selected_option", "initial_option"),
    "users_select": ("selected_user", "initial_user"),
    "datepicker": ("selected_date", "initial_date"),
    "conversations_select": ("selected_conversation", "initial_conversation"),  # shortcuts
}


def warned(s: Session, team_id: str, view: dict, values: dict, name: str) -> dict | None:
    """The ack that shows the warning, or None: no similar open deal, or the box is ticked."""
    if values.get(Verb.anyway_block):
        return None
    similar = duplicates.similar_open(session=s, team_id=team_id, name=name)
    if not similar:
        return None
    return {"response_action": "update", "view": again(view, similar)}


def again(view: dict, similar: list[tuple[int, str]]) -> dict:
    """The submitted form with its answers as initial values and the box to tick."""
    state = (view.get("state") or {}).get("values") or {}
    blocks = []
    for block in copy.deepcopy(view.get("blocks") or []):
        if block.get("block_id") == Verb.anyway_block:
            continue
        element = block.get("element") if block.get("type") == "input" else None
        if isinstance(element, dict) and element.get("type") in INITIAL:
            got, initial = INITIAL[element["type"]]
            entry = (state.get(block.get("block_id")) or {}).get(element.get("action_id")) or {}
            element.pop(initial, None)
            if entry.get(got):
                element[initial] = entry[got]
        blocks.append(block)
    names = ", ".join(f"#{n} {name}" for n, name in similar)
    label = _("Open with a similar name: {deals}").format(deals=names)[:2000]
    box = {
        "type": "input",
        "block_id": Verb.anyway_block,
        "optional": True,
        "label": {"type": "plain_text", "text": label},
        "hint": {"type": "plain_text", "text": _("Nothing was created yet.")},
        "element": {
            "type": "checkboxes",
            "action_id": Verb.anyway_input,
            "options": [
                {
                    "text": {"type": "plain_text", "text": _("Create it anyway")},
                    "value": "yes",
                }
            ],
        },
    }
    return {**{k: view[k] for k in KEPT if k in view}, "blocks": [box, *blocks]}
