"""Pieces of a digest's text: totals per currency, counts, percentages, fitted sections."""

from bot.common.money import Money, format_money, format_short
from bot.common.numbers import number, tenths
from bot.common.numbers import share as percent
from bot.i18n import _
from handlers.kit.layout import SECTION_TEXT

# Counts, tenths and rates come from bot.common.numbers (one formatter for every screen); the
# digest's modules import them from here beside the pieces below.
__all__ = ["amounts", "cycle_and_velocity", "days", "fit", "number", "percent", "tenths"]


def amounts(money: list[Money], short: bool = False) -> str:
    """A total per currency, never summed across: `$24,000 + €4,500`, or a dash."""
    show = format_short if short else format_money
    return " + ".join(show(m) for m in money) or "–"


def days(x: float) -> str:
    """`3.5 days`, to one decimal (a fraction: the plural in every language)."""
    return _("{n} days").format(n=tenths(x))


def fit(title: str, lines: list[str], total: int, more: str) -> str:
    """A title and lines within a section's limit; what did not fit is counted, never cut."""
    kept: list[str] = []
    size = len(title) + 80  # room for the "and N more" line
    for line in lines:
        if size + len(line) + 1 > SECTION_TEXT:
            break
        kept.append(line)
        size += len(line) + 1
    rest = total - len(kept)
    tail = [_("…and {n} more: {more}").format(n=number(rest), more=more)] if rest > 0 else []
    return "\n".join([title, *kept, *tail])


def cycle_and_velocity(m) -> tuple[str, str]:
    """The sales cycle and velocity of a Metrics, as a digest or a report shows them."""
    cycle = "–" if m.cycle_days is None else days(m.cycle_days)
    velocity = "–" if m.velocity is None else _("{amount}/day").format(
        amount=format_money(m.velocity)
    )
    if m.velocity is not None and m.velocity_converted:
        velocity += " " + _("(converted at your rates)")
    if m.velocity_left_out:
        velocity += " " + _("(wins in {currencies} left out: no rate)").format(
            currencies=", ".join(m.velocity_left_out)
        )
    return cycle, velocity
