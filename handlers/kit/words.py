"""Wording shared by every feature: an amount that does not parse, a missing deal reference,
a broken button or form."""

from collections.abc import Callable

from bot.common.days import long_day
from bot.common.money import Money, format_money
from bot.i18n import N_, _, n_
from handlers.kit.mrkdwn import escape
from handlers.kit.wording import Wording

EXAMPLES = N_("Try `12k`, `12.5k`, `$12,000` or `€4 500`.")
SHOWN_MAX = 40


def _too_precise(currency: str, digits: int, thousands: int | None) -> str:
    if digits == 0:
        return _("{currency} amounts have no decimals").format(currency=currency)
    if thousands is not None:
        return n_(
            "{currency} amounts have at most {digits} decimal "
            "(for thousands, write `{thousands:,}`)",
            "{currency} amounts have at most {digits} decimals "
            "(for thousands, write `{thousands:,}`)",
            digits,
        ).format(currency=currency, digits=digits, thousands=thousands)
    return n_(
        "{currency} amounts have at most {digits} decimal",
        "{currency} amounts have at most {digits} decimals",
        digits,
    ).format(currency=currency, digits=digits)


def _too_large(limit: Money) -> str:
    return _("it is too large (the most dealbot takes is {limit})").format(
        limit=format_money(limit)
    )


def _two_currencies(marks: list[str]) -> str:
    named = _(" and ").join(f"`{escape(m)}`" for m in marks)
    return _("it names two currencies ({named}); give one").format(named=named)


def _ambiguous(readings: list[Money], writings: list[str]) -> str:
    # `4.500` in French: 4,50 € or 4 500 €; each reading with the way to write it alone.
    (first, second), (first_written, second_written) = readings, writings
    return _(
        "it reads two ways: {first} (write `{first_written}`) "
        "or {second} (write `{second_written}`)"
    ).format(
        first=format_money(first),
        first_written=first_written,
        second=format_money(second),
        second_written=second_written,
    )


# Why an amount was refused, per reason the parser gives; user text is escaped here.
REASONS: dict[str, Callable[..., str]] = {
    "too_long": lambda: _("it is too long"),
    "negative": lambda: _("amounts can't be negative"),
    "range": lambda: _("a `-` has no place in an amount (no ranges or sums)"),
    "loose_mark": lambda mark: _("a `{mark}` goes between digits, like `12{mark}5`").format(
        mark=mark
    ),
    "stray_character": lambda character: _("“{character}” has no place in an amount").format(
        character=escape(character)
    ),
    "two_numbers": lambda: _("it has more than one number"),
    "several_multipliers": lambda: _("use one multiplier (`k`, `m` or `b`), once"),
    "multiplier_first": lambda word: _(
        "`{word}` goes right after the number, like `12{word}`"
    ).format(word=escape(word)),
    "unknown_word": lambda word: _(
        "`{word}` is neither a currency code nor `k`, `m` or `b`"
    ).format(word=escape(word)),
    "no_number": lambda: _("there is no number in it"),
    "unknown_currency": lambda word, known: _(
        "`{word}` is not a currency dealbot knows ({known})"
    ).format(word=escape(word), known=", ".join(known)),
    "two_currencies": _two_currencies,
    "bad_grouping": lambda: _("thousands are grouped by three digits, like `12,000` or `4 500`"),
    "too_precise": _too_precise,
    "too_large": _too_large,
    "ambiguous": _ambiguous,
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
    return _("`{text}` is not an amount: {reason}. {examples}").format(
        text=shown(text), reason=REASONS[reason](**detail), examples=_(EXAMPLES)
    )


WORDS: dict[str, Wording] = {
    "no_amount": N_("No amount given. Try `12k`, `12.5k`, `$12,000` or `€4 500`."),
    "not_an_amount": not_an_amount,
    # `usage` is the command's own example line, already mrkdwn.
    "deal_ref_missing": lambda usage: _("Which deal? {usage}").format(usage=usage),
    "deal_ref_unclosed": lambda usage: _('Close the quoted deal name with `"`. {usage}').format(
        usage=usage
    ),
    "broken_move_button": N_("That button is broken; use `/deal move <deal> <stage>`."),
    "broken_card_button": N_("That button is broken; use `/deal show <deal>`."),
    "broken_list_button": N_("That button is broken; use `/deal list`, with `page 2` for more."),
    "broken_form": N_("That form is broken; please open it again."),
    "date_ambiguous": lambda text, readings, writings: _(
        "`{text}` can be two days: {first} (write `{first_written}`) "
        "or {second} (write `{second_written}`)."
    ).format(
        text=shown(text),
        first=long_day(readings[0]),
        first_written=writings[0],
        second=long_day(readings[1]),
        second_written=writings[1],
    ),
}
