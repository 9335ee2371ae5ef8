"""What the user reads when a qualification operation refuses: wording per domain error code."""

from bot.common.days import format_day
from bot.i18n import N_, _
from bot.pipeline.templates import local_name
from bot.qualification.rule import TITLES
from handlers.kit.text import echo
from handlers.kit.wording import Wording


def _answer_missing(*, part: str) -> str:
    return _("Pick one of the {part} answers.").format(part=_(TITLES[part]))


def _closed(*, deal: int, name: str, stage: str) -> str:
    return _("#{deal} {name} is {stage}; reopen it first with `/deal reopen {deal}`.").format(
        deal=deal, name=echo(name), stage=echo(local_name(stage))
    )


def _follow_up_in_the_past(*, day, today) -> str:
    return _("{day} is in the past; pick today ({today}) or later.").format(
        day=format_day(day), today=format_day(today)
    )


def _qualified_only(*, deal: int, name: str, gate: str) -> str:
    return _(
        "#{deal} {name} is not qualified yet, and this workspace only takes qualified deals "
        "into {gate} and beyond (won too). Qualify it first with `/deal qualify {deal}`."
    ).format(deal=deal, name=echo(name), gate=echo(local_name(gate)))


def _needs_qualification(*, deal: int, name: str, gate: str, target: str, **unused) -> str:
    return _(
        "#{deal} {name} is not qualified yet, and deals from {gate} on should be. "
        "Qualify it first (`/deal qualify {deal}`), or move it to {target} anyway."
    ).format(
        deal=deal, name=echo(name), gate=echo(local_name(gate)), target=echo(local_name(target))
    )


WORDS: dict[str, Wording] = {
    "bant_answer_missing": _answer_missing,
    "bad_threshold": N_("The rule counts 2, 3 or 4 of the four; e.g. `/deal qualify-rule 3`."),
    "bant_note_too_long": N_("Keep each note under {limit} characters."),
    "amount_without_budget": N_("The amount is the confirmed budget: pick Confirmed, or clear it."),
    "qualify_closed": _closed,
    "disqualify_reason_missing": N_(
        "Say why the lead is disqualified, e.g. `no budget this year`."
    ),
    "disqualify_reason_too_long": N_(
        "Keep the reason under {limit} characters; add a note for more."
    ),
    "follow_up_in_the_past": _follow_up_in_the_past,
    "qualified_only": _qualified_only,
    "needs_qualification": _needs_qualification,
    "follow_up_day_missing": N_("Pick the day to follow up."),
}
