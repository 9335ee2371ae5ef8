"""What the user reads when a pipeline operation refuses: wording per domain error code."""

from handlers.kit.layout import plural
from handlers.kit.text import echo
from handlers.kit.wording import Wording


def template_list(templates: list[str]) -> str:
    """The templates as code spans, for messages: `generic`, `inbound`, ..."""
    return ", ".join(f"`{name}`" for name in templates)


def _unknown_template(*, text: str, templates: list[str]) -> str:
    return (
        f"There is no template “{echo(text)}”. The templates are: {template_list(templates)}; "
        "e.g. `/deal stages use inbound`."
    )


def _not_empty(*, name: str, key: str, deals: int) -> str:
    return (
        f"“{echo(name)}” still has {plural(deals)}, so it stays; nothing was changed. Move "
        f"{'it' if deals == 1 else 'them'} first: `/deal list {key}` shows them, "
        "`/deal move 12 <stage>` moves one."
    )


EDITOR: dict[str, Wording] = {
    "stage_name_missing": "Give the stage a name, e.g. “Demo held”.",
    "stage_name_too_long": "That name is {length} characters; a stage name holds {limit}.",
    "stage_name_not_past": (
        "Name a stage for what the buyer has done, in the past tense: “{text}” is not, "
        "e.g. “Demo held”, “Contract sent”, “Budget confirmed”."
    ),
    "stage_name_taken": "Another stage is already called “{text}”; pick a different name.",
    "stage_probability_missing": "Give the new stage a win probability, 0 to 100.",
    "stage_probability_bad": "“{text}” is not a win probability: a whole number 0 to 100, e.g. 40.",
    "stage_quiet_bad": (
        "“{text}” is not a number of days: 1 to {limit}, or blank for the default."
    ),
    "stage_not_empty": _not_empty,
    "stage_last_open": "A pipeline needs at least one open stage; keep this one.",
    "stage_too_many": "A pipeline holds at most {limit} open stages; remove one first.",
    "stage_number_unknown": (
        "There is no open stage {number}: the pipeline has {count}. `/deal stages` numbers them."
    ),
    "stage_closing_fixed": (
        "“{name}” is a {kind} stage: its odds are fixed (won 100%, lost 0%) and it is never "
        "quiet or removed; it can be renamed."
    ),
    "pipeline_changed": (
        "The stages changed since this editor was opened; nothing was saved. "
        "Close it and open it again with `/deal stages edit`."
    ),
}


WORDS: dict[str, Wording] = {
    "unknown_template": _unknown_template,
    "switch_raced": (
        "#{deal} changed while the pipeline was switching; nothing was changed. Try again."
    ),
    **EDITOR,
}
