"""Generic Block Kit pieces of modals. Pure: data in, dicts out."""

from bot.i18n import _
from handlers.kit.metadata import ModalMeta

TITLE_MAX = 24  # Slack's limit on a modal's title
OPTION_MAX = 75  # Slack's limit on an option's text


def plain(text: str) -> dict:
    """A plain_text object."""
    return {"type": "plain_text", "text": text}


def option(label: str, value: str) -> dict:
    """One option of a select."""
    return {"text": plain(label[:OPTION_MAX]), "value": value}


def field_block(
    block: str, label: str, element: dict, *, optional: bool = False, hint: str | None = None
) -> dict:
    """An input block around an element."""
    out = {
        "type": "input",
        "block_id": block,
        "label": plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        out["hint"] = plain(hint)
    return out


def text_input(
    block: str,
    action: str,
    label: str,
    *,
    optional: bool = False,
    hint: str | None = None,
    placeholder: str | None = None,
    max_length: int | None = None,
    multiline: bool = False,
) -> dict:
    """An input block holding a text field."""
    element: dict = {"type": "plain_text_input", "action_id": action}
    if placeholder:
        element["placeholder"] = plain(placeholder)
    if max_length:
        element["max_length"] = max_length
    if multiline:
        element["multiline"] = True
    return field_block(block, label, element, optional=optional, hint=hint)


def modal(callback: str, title: str, submit: str, meta: ModalMeta, blocks: list[dict]) -> dict:
    """A modal view."""
    return {
        "type": "modal",
        "callback_id": callback,
        "private_metadata": meta.dump(),
        "title": plain(title[:TITLE_MAX]),
        "submit": plain(submit),
        "close": plain(_("Cancel")),
        "blocks": blocks,
    }
