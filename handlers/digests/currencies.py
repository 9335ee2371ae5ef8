"""A digest's words about money in several currencies: converted totals, kept-apart notes."""

from bot.common.money import Money, format_money
from bot.digests.digest import Digest
from bot.i18n import _


def converted(total: Money | None) -> str:
    """` (= $30,800 converted at your rates)`, or nothing when there is no converted total."""
    if total is None:
        return ""
    return " " + _("(= {amount} converted at your rates)").format(amount=format_money(total))


def currency_note(d: Digest) -> str | None:
    """Which currencies are kept apart for want of a rate (never added to the others)."""
    if not d.no_rate or not d.open_count or len(d.open_value) < 2:
        return None
    return kept_apart(d.no_rate)


def kept_apart(no_rate: list[str]) -> str:
    """The note for totals that keep currencies apart (digests and the Home tab)."""
    return _(
        "Totals keep each currency apart: no rate for {currencies} "
        "(`/deal rate {currency} …` converts them)."
    ).format(currencies=", ".join(no_rate), currency=no_rate[0])
