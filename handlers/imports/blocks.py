"""The messages about a shared CSV file: its preview with Import and Cancel, and the outcome."""

from bot.i18n import _
from bot.imports.plan import Plan
from bot.imports.write import Summary
from handlers.imports import words
from handlers.imports.download import Shared
from handlers.kit.blocks import button, text
from handlers.kit.ids import Import
from handlers.kit.layout import MESSAGE_BLOCKS, pack

NAME_IN_VALUE = 150  # the file's name rides in the buttons' value (for Cancel's reply)


def message(head: str, lines: list[str] | None = None, extra: list[dict] | None = None) -> dict:
    """chat.postMessage / respond arguments: the head and lines as sections, then `extra`."""
    room = MESSAGE_BLOCKS - len(extra or [])
    sections = [text(t) for t in pack([head, *(lines or [])])][:room]
    return {"text": head, "blocks": [*sections, *(extra or [])]}


def button_value(shared: Shared) -> str:
    """`F0123|deals.csv`: the file to fetch again, and its name."""
    return f"{shared.id}|{shared.name[:NAME_IN_VALUE]}"


def preview(shared: Shared, found: Plan) -> dict:
    """What an import would do; the buttons only when it would write something."""
    name = shared.name
    if found.blocked:
        head, *lines = words.blocked(name, found)
        return message(head, lines)
    refused = words.refused_lines(found.refused)
    if not (found.new or found.changed):
        return message(words.nothing_to_do(name, found), refused)
    value = button_value(shared)
    actions = {
        "type": "actions",
        "block_id": Import.actions,
        "elements": [
            button(_(words.IMPORT), Import.confirm, value, "primary"),
            button(_(words.CANCEL), Import.cancel, value),
        ],
    }
    lines = [_("Rows that would be refused:"), *refused] if refused else []
    return message(words.preview(name, found), lines, [actions])


def outcome(name: str, found: Plan, done: Summary | None) -> dict:
    """What the import did (or, when the file's stages or people match nothing, why not)."""
    if done is None:
        head, *lines = words.blocked(name, found)
        return message(head, lines)
    return message(words.result(name, done), words.refused_lines(done.refused))
