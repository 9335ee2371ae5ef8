"""Block Kit builders for modals. Pure: data in, view dict out."""

from handlers.ids import Block, Callback, Field
from handlers.values import ModalMeta


def plain(text: str) -> dict:
    """A plain_text object."""
    return {"type": "plain_text", "text": text}


def text_input(
    block: str,
    action: str,
    label: str,
    *,
    optional: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
    max_length: int | None = None,
    initial: str | None = None,
) -> dict:
    """An input block holding a one-line text field."""
    element: dict = {"type": "plain_text_input", "action_id": action}
    if placeholder:
        element["placeholder"] = plain(placeholder)
    if max_length:
        element["max_length"] = max_length
    if initial:
        element["initial_value"] = initial
    block_dict = {
        "type": "input",
        "block_id": block,
        "label": plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block_dict["hint"] = plain(hint)
    return block_dict


def new_lead_modal(meta: ModalMeta) -> dict:
    """The New lead form."""
    return {
        "type": "modal",
        "callback_id": Callback.new_lead,
        "private_metadata": meta.dump(),
        "title": plain("New lead"),
        "submit": plain("Create"),
        "close": plain("Cancel"),
        "blocks": [
            text_input(
                Block.name, Field.name, "Deal name", placeholder="Acme Corp renewal", max_length=150
            ),
            text_input(
                Block.company, Field.company, "Company", optional=True, placeholder="Acme Corp"
            ),
            text_input(
                Block.value,
                Field.value,
                "Value",
                optional=True,
                placeholder="12k",
                hint="e.g. 12k, $12,000, €4 500, 1.2m",
            ),
        ],
    }
