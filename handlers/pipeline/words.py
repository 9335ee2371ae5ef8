"""What the user reads when a pipeline operation refuses: wording per domain error code."""

from bot.common.numbers import number
from bot.i18n import N_, _, n_
from bot.pipeline.templates import local_name
from handlers.kit.text import echo
from handlers.kit.wording import Wording


def template_list(templates: list[str]) -> str:
    """The templates as code spans, for messages: `generic`, `inbound`, ..."""
    return ", ".join(f"`{name}`" for name in templates)


def _unknown_template(*, text: str, templates: list[str]) -> str:
    return _(
        "There is no template “{text}”. The templates are: {templates}; "
        "e.g. `/deal stages use inbound`."
    ).format(text=echo(text), templates=template_list(templates))


def _not_empty(*, name: str, key: str, deals: int) -> str:
    return n_(
        "“{name}” still has {n} deal, so it stays; nothing was changed. Move it first: "
        "`/deal list {key}` shows them, `/deal move 12 <stage>` moves one.",
        "“{name}” still has {n} deals, so it stays; nothing was changed. Move them first: "
        "`/deal list {key}` shows them, `/deal move 12 <stage>` moves one.",
        deals,
    ).format(name=echo(local_name(name)), n=number(deals), key=key)


def _closing_fixed(*, name: str, kind: str) -> str:
    said = {"won": _("“{name}” is a won stage"), "lost": _("“{name}” is a lost stage")}
    head = said.get(kind, _("“{name}” is a closing stage")).format(name=echo(local_name(name)))
    return _(
        "{head}: its odds are fixed (won 100%, lost 0%) and it is never quiet or removed; "
        "it can be renamed."
    ).format(head=head)


EDITOR: dict[str, Wording] = {
    "stage_name_missing": N_("Give the stage a name, e.g. “Demo held”."),
    "stage_name_too_long": N_("That name is {length} characters; a stage name holds {limit}."),
    "stage_name_not_past": N_(
        "Name a stage for what the buyer has done, in the past tense: “{text}” is not, "
        "e.g. “Demo held”, “Contract sent”, “Budget confirmed”."
    ),
    "stage_name_taken": N_("Another stage is already called “{text}”; pick a different name."),
    "stage_probability_missing": N_("Give the new stage a win probability, 0 to 100."),
    "stage_probability_bad": N_(
        "“{text}” is not a win probability: a whole number 0 to 100, e.g. 40."
    ),
    "stage_quiet_bad": N_(
        "“{text}” is not a number of days: 1 to {limit}, or blank for the default."
    ),
    "stage_not_empty": _not_empty,
    "stage_last_open": N_("A pipeline needs at least one open stage; keep this one."),
    "stage_too_many": N_("A pipeline holds at most {limit} open stages; remove one first."),
    "stage_number_unknown": N_(
        "There is no open stage {number}: the pipeline has {count}. `/deal stages` numbers them."
    ),
    "stage_closing_fixed": _closing_fixed,
    "pipeline_changed": N_(
        "The stages changed since this editor was opened; nothing was saved. "
        "Close it and open it again with `/deal stages edit`."
    ),
}


WORDS: dict[str, Wording] = {
    "unknown_template": _unknown_template,
    "switch_raced": N_(
        "#{deal} changed while the pipeline was switching; nothing was changed. Try again."
    ),
    **EDITOR,
}
