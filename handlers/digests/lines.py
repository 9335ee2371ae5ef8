"""Pieces of a digest's text: totals per currency, percentages, lines fitted to a section."""

from bot.common.money import Money, format_money, format_short
from handlers.kit.layout import SECTION_TEXT


def amounts(money: list[Money], short: bool = False) -> str:
    """A total per currency, never summed across: `$24,000 + €4,500`, or a dash."""
    show = format_short if short else format_money
    return " + ".join(show(m) for m in money) or "–"


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
    tail = [f"…and {rest:,} more: {more}"] if rest > 0 else []
    return "\n".join([title, *kept, *tail])


def percent(rate: float | None) -> str:
    """`50%`, or a dash when there is nothing to divide."""
    return "–" if rate is None else f"{rate:.0%}"


def cycle_and_velocity(m) -> tuple[str, str]:
    """The sales cycle and velocity of a Metrics, as a digest or a report shows them."""
    cycle = "–" if m.cycle_days is None else f"{m.cycle_days:.1f} days"
    velocity = "–" if m.velocity is None else f"{format_money(m.velocity)}/day"
    if m.velocity is not None and m.velocity_converted:
        velocity += " (converted at your rates)"
    if m.velocity_left_out:
        velocity += f" (wins in {', '.join(m.velocity_left_out)} left out: no rate)"
    return cycle, velocity
