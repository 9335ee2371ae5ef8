"""What the user reads when an everyday verb refuses (duplicates, archive, undo)."""

from bot.i18n import N_, _, n_
from handlers.kit.mrkdwn import escape
from handlers.kit.wording import Wording
from storage.models import Activity

WHAT = {
    "moved": N_("the move from {frm} to {to}"),
    "won": N_("marking it won"),
    "lost": N_("marking it lost"),
    "value": N_("the value change from {frm} to {to}"),
    "close": N_("the expected close change from {frm} to {to}"),
    "source": N_("the source change to {to}"),
    "next": N_("the next step change"),
    "name": N_("the rename from “{frm}” to “{to}”"),
    "company": N_("the company change from {frm} to {to}"),
    "note": N_("your note"),
    "archived": N_("archiving it"),
    "restored": N_("restoring it"),
}
# What an undo took back, for its history line (the values follow it there).
TOOK_BACK = {
    "moved": N_("the move"),
    "won": N_("marking it won"),
    "lost": N_("marking it lost"),
    "value": N_("the value change"),
    "close": N_("the expected close change"),
    "source": N_("the source change"),
    "next": N_("the next step change"),
    "name": N_("the rename"),
    "company": N_("the company change"),
    "note": N_("a note"),
    "archived": N_("archiving it"),
    "restored": N_("restoring it"),
}

YOUR_CHANGE, A_CHANGE = N_("your change"), N_("a change")  # any other kind


def undone_what(a: Activity) -> str:
    """What an undo took back, in words: `the move from Prospect to Proposal`."""
    shown = {"frm": escape(a.from_value or "–"), "to": escape(a.to_value or "–")}
    return _(WHAT.get(a.kind, YOUR_CHANGE)).format(**shown)


def took_back(kind: str) -> str:
    """What an undo took back, for its history line: `the value change` (the values follow)."""
    return _(TOOK_BACK.get(kind, A_CHANGE))


def _kind(kind: str) -> str:
    return _(WHAT[kind]).format(frm="…", to="…") if kind in WHAT else kind


WORDS: dict[str, Wording] = {
    "already_created": N_(
        "You already created #{number} {name} from this warning; nothing more was created."
    ),
    "already_archived": N_(
        "#{number} {name} is archived already. `/deal restore {number}` brings it back."
    ),
    "not_archived": N_("#{number} {name} is not archived."),
    "deal_archived": N_(
        "#{number} is archived; `/deal restore {number}` brings it back. Nothing was changed."
    ),
    "undo_nothing": N_("You have made no change I could undo."),
    "undo_twice": lambda number, name, kind: _(
        "Your last change was an undo on #{number}; there is nothing more to undo."
    ).format(number=number),
    "undo_too_late": lambda number, name, kind, minutes: n_(
        "Too late: your last change (on #{number}) was more than {minutes} minute ago. "
        "Change it back by hand, e.g. `/deal set {number} …` or `/deal move {number} …`.",
        "Too late: your last change (on #{number}) was more than {minutes} minutes ago. "
        "Change it back by hand, e.g. `/deal set {number} …` or `/deal move {number} …`.",
        minutes,
    ).format(number=number, minutes=minutes),
    "undo_not_possible": lambda number, name, kind: _(
        "Your last change on #{number} ({kind}) cannot be undone; only moves, won, "
        "lost, field changes, notes and archiving can."
    ).format(number=number, kind=escape(kind)),
    "undo_changed_since": lambda number, name, kind, by: _(
        "<@{by}> changed #{number} after you, so I won't undo {what}: it would "
        "overwrite their change. Look at `/deal show {number}`."
    ).format(by=by, number=number, what=_kind(kind)),
    "undo_stage_gone": N_(
        "The stage #{number} was in ({stage}) has left the pipeline; "
        "move it by hand with `/deal move {number} …`."
    ),
}
