"""What the user reads when a qualification operation refuses: wording per domain error code."""

from bot.qualification.rule import TITLES
from handlers.kit.wording import Wording


def _answer_missing(*, part: str) -> str:
    return f"Pick one of the {TITLES[part]} answers."


WORDS: dict[str, Wording] = {
    "bant_answer_missing": _answer_missing,
    "bad_threshold": "The rule counts 2, 3 or 4 of the four; e.g. `/deal qualify-rule 3`.",
    "bant_note_too_long": "Keep each note under {limit} characters.",
    "amount_without_budget": "The amount is the confirmed budget: pick Confirmed, or clear it.",
    "qualify_closed": "#{deal} {name} is {stage}; reopen it first with `/deal reopen {deal}`.",
    "disqualify_reason_missing": "Say why the lead is disqualified, e.g. `no budget this year`.",
    "disqualify_reason_too_long": "Keep the reason under {limit} characters; add a note for more.",
    "follow_up_in_the_past": "{day} is in the past; pick today ({today}) or later.",
    "qualified_only": (
        "#{deal} {name} is not qualified yet, and this workspace only takes qualified deals "
        "into {gate} and beyond (won too). Qualify it first with `/deal qualify {deal}`."
    ),
    "needs_qualification": (
        "#{deal} {name} is not qualified yet, and deals from {gate} on should be. "
        "Qualify it first (`/deal qualify {deal}`), or move it to {target} anyway."
    ),
    "follow_up_day_missing": "Pick the day to follow up.",
}
