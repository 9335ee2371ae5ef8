"""Wording shared by every feature: an amount that does not parse, a missing deal reference,
a broken button or form."""

from collections.abc import Callable

from bot.common.money import Money, format_money
from handlers.kit.mrkdwn import escape
from handlers.kit.wording import Wording

EXAMPLES = "Try `12k`, `12.5k`, `$12,000` or `€4 500`."
SHOWN_MAX = 40


def _too_precise(currency: str, digits: int, thousands: int | None) -> str:
    if digits == 0:
        return f"{currency} amounts have no decimals"
    reason = f"{currency} amounts have at most {digits} decimals"
    if thousands is not None:
        reason += f" (for thousands, write `{thousands:,}`)"
    return reason


def _too_large(limit: Money) -> str:
    return f"it is too large (the most dealbot takes is {format_money(limit)})"


def _two_currencies(marks: list[str]) -> str:
    named = " and ".join(f"`{escape(m)}`" for m in marks)
    return f"it names two currencies ({named}); give one"


# Why an amount was refused, per reason the parser gives; user text is escaped here.
REASONS: dict[str, Callable[..., str]] = {
    "too_long": lambda: "it is too long",
    "negative": lambda: "amounts can't be negative",
    "range": lambda: "a `-` has no place in an amount (no ranges or sums)",
    "loose_mark": lambda mark: f"a `{mark}` goes between digits, like `12{mark}5`",
    "stray_character": lambda character: f"“{escape(character)}” has no place in an amount",
    "two_numbers": lambda: "it has more than one number",
    "several_multipliers": lambda: "use one multiplier (`k`, `m` or `b`), once",
    "multiplier_first": lambda word: (
        f"`{escape(word)}` goes right after the number, like `12{escape(word)}`"
    ),
    "unknown_word": lambda word: f"`{escape(word)}` is neither a currency code nor `k`, `m` or `b`",
    "no_number": lambda: "there is no number in it",
    "unknown_currency": lambda word, known: (
        f"`{escape(word)}` is not a currency dealbot knows ({', '.join(known)})"
    ),
    "two_currencies": _two_currencies,
    "bad_grouping": lambda: "thousands are grouped by three digits, like `12,000` or `4 500`",
    "too_precise": _too_precise,
    "too_large": _too_large,
}


def shown(text: str) -> str:
    """The typed amount as quoted back in a code span: one line, no backtick, not too long."""
    # Not clean_line: folding spaces would hide the fault in `12  500`.
    line = "".join(ch if ch.isprintable() else " " for ch in text.strip()).replace("`", "'")
    if len(line) > SHOWN_MAX:
        line = line[:SHOWN_MAX] + "…"
    return escape(line)


def not_an_amount(text: str, reason: str, **detail: object) -> str:
    """`12kk` is not an amount: why. Examples of what works."""
    return f"`{shown(text)}` is not an amount: {REASONS[reason](**detail)}. {EXAMPLES}"


WORDS: dict[str, Wording] = {
    "no_amount": f"No amount given. {EXAMPLES}",
    "not_an_amount": not_an_amount,
    # `usage` is the command's own example line, already mrkdwn.
    "deal_ref_missing": lambda usage: f"Which deal? {usage}",
    "deal_ref_unclosed": lambda usage: f'Close the quoted deal name with `"`. {usage}',
    "broken_move_button": "That button is broken; use `/deal move <deal> <stage>`.",
    "broken_card_button": "That button is broken; use `/deal show <deal>`.",
    "broken_list_button": "That button is broken; use `/deal list`, with `page 2` for more.",
    "broken_form": "That form is broken; please open it again.",
}
