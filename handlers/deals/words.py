"""What the user reads when a deals operation refuses: wording per domain error code.

Finding stages and deals (`bot/deals/matching.py`) serves every feature, so a missing
or ambiguous stage or deal is worded here for all of them.
"""

from handlers.kit.mrkdwn import escape
from handlers.kit.text import echo, user
from handlers.kit.wording import Wording

Pairs = list[tuple[int, str]]

LIST_USAGE = (
    "Try `/deal list`, `/deal list mine`, `/deal list all`, `/deal list proposal`, "
    "`/deal list @bob`, and `page 2` after any of them."
)


def stage_list(stages: list[tuple[str, str]]) -> str:
    """Stages as `key` (Name), for messages."""
    return ", ".join(f"`{key}` ({escape(name)})" for key, name in stages)


def deal_list(deals: Pairs) -> str:
    """Deals as #12 Acme Corp, for messages."""
    return ", ".join(f"#{number} {escape(name)}" for number, name in deals)


def suggestion(near: Pairs, newest: Pairs) -> str:
    """A ' Did you mean …?' hint with the closest deals, the newest ones, or how to start."""
    if near:
        return f" Did you mean {deal_list(near)}?"
    if newest:
        return f" The newest deals are: {deal_list(newest)}. `/deal list` shows them all."
    return " There are no deals yet: create one with `/deal new Acme Corp 12k`."


def _deal_ambiguous(text: str, deals: Pairs) -> str:
    return (
        f"“{echo(text)}” matches several deals: {deal_list(deals)}. Use the number, e.g. "
        f"`#{deals[0][0]}`."
    )


def _moved_meanwhile(number: int, name: str, stage: str, by: str | None) -> str:
    who = f" by {user(by)}" if by else ""
    return (
        f"#{number} {escape(name)} was already moved to {escape(stage)}{who}. Nothing was changed."
    )


def _one_of(keys: list[str]) -> str:
    return ", ".join(f"`{k}`" for k in keys)


def _not_teammates(problems: list[tuple[str, str]]) -> str:
    said = {
        "unknown": "I can't find {} in this workspace",
        "bot": "{} is a bot",
        "left": "{} has left the workspace",
    }
    listed = "; ".join(said[why].format(user(uid)) for uid, why in problems)
    return f"{listed}. Tag people of your team; nothing was changed."


WORDS: dict[str, Wording] = {
    # Finding stages and deals, for every feature.
    "stage_missing": lambda stages: f"Which stage? The stages are: {stage_list(stages)}.",
    "stage_ambiguous": lambda text, stages: (
        f"“{echo(text)}” fits several stages: {stage_list(stages)}. Say which one."
    ),
    "stage_unknown": lambda text, stages: (
        f"There is no stage “{echo(text)}”. The stages are: {stage_list(stages)}."
    ),
    "stage_gone": "That stage is no longer in the pipeline; see `/deal stages`.",
    "deal_missing": "Which deal? Give its number (`12` or `#12`) or part of its name.",
    "deal_ambiguous": _deal_ambiguous,
    "deal_unknown": lambda text, near, newest: (
        f"No deal matches “{echo(text)}”.{suggestion(near, newest)}"
    ),
    "deal_number_unknown": lambda number, near, newest: (
        f"There is no deal #{number}.{suggestion(near, newest)}"
    ),
    "deal_gone": "That deal no longer exists.",
    # Creating, moving and closing.
    "name_missing": "A deal needs a name, e.g. `/deal new Acme Corp 12k`.",
    "name_too_long": (
        "That name is {length:,} characters; a deal name can have at most {limit}. "
        "Use a shorter name and put the details in a note."
    ),
    "deal_closed": "#{number} {name} is {stage}. Reopen it first with `/deal reopen {number}`.",
    "already_closed": (
        "#{number} {name} is already {stage}. Reopen it first with `/deal reopen {number}`."
    ),
    "already_at": "#{number} {name} is already at {stage}.",
    "lost_by_move": "A lost deal needs a reason: `/deal lost {number} <reason>`.",
    "reopen_open": "#{number} {name} is open, at {stage}; only won or lost deals can be reopened.",
    "moved_meanwhile": _moved_meanwhile,
    "changed_meanwhile": (
        "#{number} was changed by someone else at the same moment; nothing was changed. "
        "Look at `/deal show {number}` and try again."
    ),
    "lost_reason_missing": lambda reasons: (
        f"A lost deal needs a reason, e.g. `/deal lost 12 price` ({_one_of(reasons)}), "
        "or any words of your own."
    ),
    "lost_reason_too_long": "Keep the reason under {limit} characters; add more as a note.",
    "lost_reason_unpicked": "Pick a reason from the list.",
    # Editing: fields, notes, tags.
    "unknown_field": lambda field, fields: f"I can set {', '.join(fields)}; not `{echo(field)}`.",
    "close_not_a_date": (
        "`{text}` is not a date. Write it as YYYY-MM-DD, e.g. `/deal set 12 close {year}-12-31`."
    ),
    "close_in_past": (
        "{when} is in the past; an expected close date is today ({today}) or later."
    ),
    "unknown_source": lambda text, sources: (
        f"`{echo(text)}` is not a lead source. Use one of: {_one_of(sources)}."
    ),
    "company_missing": "Which company? e.g. `/deal set 12 company Acme Corp`.",
    "already_owner": lambda number, name, owner: (
        f"#{number} {escape(name)} is already owned by {user(owner)}; nothing was changed. "
        f"To hand it over, name someone else: `/deal set {number} owner @ann`."
    ),
    "owner_not_a_user": "Name the new owner with an @mention, e.g. `/deal set 12 owner @bob`.",
    "next_step_missing": "What is the next step? e.g. `/deal set 12 next demo on Friday`.",
    "next_step_too_long": "Keep the next step under {limit} characters; add a note for more.",
    "note_missing": "What should the note say? e.g. `/deal note 12 called, budget is 20k`.",
    "note_too_long": "That note is {length:,} characters; keep it under {limit:,}.",
    "tag_nobody": "Who should I tag? e.g. `/deal tag 12 @ann @bob need a security review`.",
    "not_teammates": _not_teammates,
    # Lists.
    "not_a_page": lambda text: f"`page {echo(text)}` is not a page number. {LIST_USAGE}",
}
