"""Days typed by people: a close date, a reminder's day."""

from datetime import date

from bot.common.errors import InvalidInput


def day_ahead(text: str, today: date, what: str) -> date:
    """A day to come, YYYY-MM-DD, today or later; refusals are `<what>_not_a_date` and
    `<what>_in_past`."""
    text = text.strip()
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{what}_not_a_date", text=text, year=today.year) from None
    if when < today:
        raise InvalidInput(f"{what}_in_past", when=when.isoformat(), today=today.isoformat())
    return when
