"""What the user reads when an everyday verb refuses (duplicates, archive, undo)."""

import re

from handlers.kit.mrkdwn import escape
from handlers.kit.wording import Wording
from storage.models import Activity

WHAT = {
    "moved": "the move from {frm} to {to}",
    "won": "marking it won",
    "lost": "marking it lost",
    "value": "the value change from {frm} to {to}",
    "close": "the expected close change from {frm} to {to}",
    "source": "the source change to {to}",
    "next": "the next step change",
    "name": "the rename from “{frm}” to “{to}”",
    "company": "the company change from {frm} to {to}",
    "note": "your note",
    "archived": "archiving it",
    "restored": "restoring it",
}


def undone_what(a: Activity) -> str:
    """What an undo took back, in words: `the move from Prospect to Proposal`."""
    shown = {"frm": escape(a.from_value or "–"), "to": escape(a.to_value or "–")}
    return WHAT.get(a.kind, "your change").format(**shown)


def took_back(kind: str) -> str:
    """What an undo took back, for its history line: `the value change` (the values follow)."""
    if kind == "note":
        return "a note"
    return re.sub(r" (from|to) \S*\{(frm|to)\}.*$", "", WHAT.get(kind, "a change"))


def _kind(kind: str) -> str:
    return WHAT.get(kind, kind).format(frm="…", to="…")

WORDS: dict[str, Wording] = {
    "already_created": (
        "You already created #{number} {name} from this warning; nothing more was created."
    ),
    "already_archived": "#{number} {name} is archived already. `/deal restore {number}` "
    "brings it back.",
    "not_archived": "#{number} {name} is not archived.",
    "deal_archived": "#{number} is archived; `/deal restore {number}` brings it back. "
    "Nothing was changed.",
    "undo_nothing": "You have made no change I could undo.",
    "undo_twice": lambda number, name, kind: (
        f"Your last change was an undo on #{number}; there is nothing more to undo."
    ),
    "undo_too_late": lambda number, name, kind, minutes: (
        f"Too late: your last change (on #{number}) was more than {minutes} minutes ago. "
        f"Change it back by hand, e.g. `/deal set {number} …` or `/deal move {number} …`."
    ),
    "undo_not_possible": lambda number, name, kind: (
        f"Your last change on #{number} ({escape(kind)}) cannot be undone; only moves, won, "
        "lost, field changes, notes and archiving can."
    ),
    "undo_changed_since": lambda number, name, kind, by: (
        f"<@{by}> changed #{number} after you, so I won't undo {_kind(kind)}: it would "
        f"overwrite their change. Look at `/deal show {number}`."
    ),
    "undo_stage_gone": "The stage #{number} was in ({stage}) has left the pipeline; "
    "move it by hand with `/deal move {number} …`.",
}
