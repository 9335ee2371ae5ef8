"""What the user reads when a deals operation refuses: wording per domain error code.

Finding stages and deals (`bot/deals/matching.py`) serves every feature, so a missing
or ambiguous stage or deal is worded here for all of them.
"""

from bot.i18n import N_, _
from bot.pipeline.templates import local_name
from handlers.kit.mrkdwn import escape
from handlers.kit.text import echo, user
from handlers.kit.wording import Wording

Pairs = list[tuple[int, str]]

LIST_USAGE = N_(
    "Try `/deal list`, `/deal list mine`, `/deal list all`, `/deal list proposal`, "
    "`/deal list @bob`, and `page 2` after any of them."
)


def stage_list(stages: list[tuple[str, str]]) -> str:
    """Stages as `key` (Name), for messages."""
    return ", ".join(f"`{key}` ({escape(local_name(name))})" for key, name in stages)


def deal_list(deals: Pairs) -> str:
    """Deals as #12 Acme Corp, for messages."""
    return ", ".join(f"#{number} {escape(name)}" for number, name in deals)


def suggestion(near: Pairs, newest: Pairs) -> str:
    """A ' Did you mean …?' hint with the closest deals, the newest ones, or how to start."""
    if near:
        return " " + _("Did you mean {deals}?").format(deals=deal_list(near))
    if newest:
        return " " + _("The newest deals are: {deals}. `/deal list` shows them all.").format(
            deals=deal_list(newest)
        )
    return " " + _("There are no deals yet: create one with `/deal new Acme Corp 12k`.")


def _deal_ambiguous(text: str, deals: Pairs) -> str:
    return _("“{text}” matches several deals: {deals}. Use the number, e.g. `#{number}`.").format(
        text=echo(text), deals=deal_list(deals), number=deals[0][0]
    )


def _moved_meanwhile(number: int, name: str, stage: str, by: str | None) -> str:
    if by:
        return _(
            "#{number} {name} was already moved to {stage} by {who}. Nothing was changed."
        ).format(number=number, name=escape(name), stage=escape(local_name(stage)), who=user(by))
    return _("#{number} {name} was already moved to {stage}. Nothing was changed.").format(
        number=number, name=escape(name), stage=escape(local_name(stage))
    )


def _one_of(keys: list[str]) -> str:
    return ", ".join(f"`{k}`" for k in keys)


def _not_teammates(problems: list[tuple[str, str]]) -> str:
    said = {
        "unknown": N_("I can't find {who} in this workspace"),
        "bot": N_("{who} is a bot"),
        "left": N_("{who} has left the workspace"),
    }
    listed = "; ".join(_(said[why]).format(who=user(uid)) for uid, why in problems)
    return _("{problems}. Tag people of your team; nothing was changed.").format(problems=listed)


WORDS: dict[str, Wording] = {
    # Finding stages and deals, for every feature.
    "stage_missing": lambda stages: _("Which stage? The stages are: {stages}.").format(
        stages=stage_list(stages)
    ),
    "stage_ambiguous": lambda text, stages: _(
        "“{text}” fits several stages: {stages}. Say which one."
    ).format(text=echo(text), stages=stage_list(stages)),
    "stage_unknown": lambda text, stages: _(
        "There is no stage “{text}”. The stages are: {stages}."
    ).format(text=echo(text), stages=stage_list(stages)),
    "stage_gone": N_("That stage is no longer in the pipeline; see `/deal stages`."),
    "deal_missing": N_("Which deal? Give its number (`12` or `#12`) or part of its name."),
    "deal_ambiguous": _deal_ambiguous,
    "deal_unknown": lambda text, near, newest: (
        _("No deal matches “{text}”.").format(text=echo(text)) + suggestion(near, newest)
    ),
    "deal_number_unknown": lambda number, near, newest: (
        _("There is no deal #{number}.").format(number=number) + suggestion(near, newest)
    ),
    "deal_gone": N_("That deal no longer exists."),
    # Creating, moving and closing.
    "name_missing": N_("A deal needs a name, e.g. `/deal new Acme Corp 12k`."),
    "name_too_long": N_(
        "That name is {length:,} characters; a deal name can have at most {limit}. "
        "Use a shorter name and put the details in a note."
    ),
    "deal_closed": N_("#{number} {name} is {stage}. Reopen it first with `/deal reopen {number}`."),
    "already_closed": N_(
        "#{number} {name} is already {stage}. Reopen it first with `/deal reopen {number}`."
    ),
    "already_at": N_("#{number} {name} is already at {stage}."),
    "lost_by_move": N_("A lost deal needs a reason: `/deal lost {number} <reason>`."),
    "reopen_open": N_(
        "#{number} {name} is open, at {stage}; only won or lost deals can be reopened."
    ),
    "moved_meanwhile": _moved_meanwhile,
    "changed_meanwhile": N_(
        "#{number} was changed by someone else at the same moment; nothing was changed. "
        "Look at `/deal show {number}` and try again."
    ),
    "lost_reason_missing": lambda reasons: _(
        "A lost deal needs a reason, e.g. `/deal lost 12 price` ({reasons}), "
        "or any words of your own."
    ).format(reasons=_one_of(reasons)),
    "lost_reason_too_long": N_("Keep the reason under {limit} characters; add more as a note."),
    "lost_reason_unpicked": N_("Pick a reason from the list."),
    # Editing: fields, notes, tags.
    "unknown_field": lambda field, fields: _("I can set {fields}; not `{field}`.").format(
        fields=", ".join(fields), field=echo(field)
    ),
    "close_not_a_date": N_(
        "`{text}` is not a date. Write it as YYYY-MM-DD, e.g. `/deal set 12 close {year}-12-31`."
    ),
    "close_in_past": N_(
        "{when} is in the past; an expected close date is today ({today}) or later."
    ),
    "unknown_source": lambda text, sources: _(
        "`{text}` is not a lead source. Use one of: {sources}."
    ).format(text=echo(text), sources=_one_of(sources)),
    "company_missing": N_("Which company? e.g. `/deal set 12 company Acme Corp`."),
    "already_owner": lambda number, name, owner: _(
        "#{number} {name} is already owned by {owner}; nothing was changed. "
        "To hand it over, name someone else: `/deal set {number} owner @ann`."
    ).format(number=number, name=escape(name), owner=user(owner)),
    "owner_not_a_user": N_("Name the new owner with an @mention, e.g. `/deal set 12 owner @bob`."),
    "next_step_missing": N_("What is the next step? e.g. `/deal set 12 next demo on Friday`."),
    "next_step_too_long": N_("Keep the next step under {limit} characters; add a note for more."),
    "note_missing": N_("What should the note say? e.g. `/deal note 12 called, budget is 20k`."),
    "note_too_long": N_("That note is {length:,} characters; keep it under {limit:,}."),
    "tag_nobody": N_("Who should I tag? e.g. `/deal tag 12 @ann @bob need a security review`."),
    "not_teammates": _not_teammates,
    # Lists.
    "not_a_page": lambda text: _("`page {text}` is not a page number. {usage}").format(
        text=echo(text), usage=_(LIST_USAGE)
    ),
}
