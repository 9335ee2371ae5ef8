"""Days typed by people (a close date, a reminder's day) and days written for them.

Reading (`parse_day`), in every language: ISO `2026-12-31`, `31.12.2026` (day first, as
Finnish and Romanian write it) and `31/12/2026`; the year has four digits. A slash date
whose two first numbers could both be the month (`01/02/2026`) is read day first by a
reader of fi, fr or ro (their way of writing it); an English reader may mean either (the
US writes the month first), so it is refused as ambiguous, with both readings and how to
write each. A slash date that is a date one way only (`12/31/2026`) is that date.

Writing (`format_day`): English keeps ISO (`2026-12-31`), the others Babel's short date
(`31.12.2026` in fi and ro, `31/12/2026` in fr).
"""

import re
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import DateTimePattern, format_date

from bot.common.errors import InvalidInput
from bot.i18n import SOURCE, language

_LOCAL = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})")
DAY_FIRST = frozenset({"fi", "fr", "ro"})  # languages that write 01/02 for 1 February


def format_day(d: date, lang: str | None = None) -> str:
    """A day as the reader's language writes it short: `2026-12-31`, `31.12.2026`."""
    lang = lang or language()
    if lang == SOURCE:
        return d.isoformat()
    return format_date(d, format=_short(lang), locale=lang)


@cache
def _short(lang: str) -> DateTimePattern:
    return Locale.parse(lang).date_formats["short"]


def long_day(d: date, lang: str | None = None) -> str:
    """A day with its month named, that reads one way: `February 1, 2026`, `1. helmikuuta 2026`."""
    return format_date(d, format="long", locale=lang or language())


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_day(text: str, lang: str | None = None) -> date | None:
    """The day `text` names (see the module rules), or None when it names none; raises
    InvalidInput `date_ambiguous` (data: text, readings, writings) when it names two."""
    text = text.strip()
    m = _LOCAL.fullmatch(text)
    if not m:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    first, mark, second, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    day_first = _date(year, second, first)
    if mark == "." or (lang or language()) in DAY_FIRST:
        return day_first or (None if mark == "." else _date(year, first, second))
    month_first = _date(year, first, second)
    if day_first and month_first and day_first != month_first:
        readings = [day_first, month_first]
        writings = [d.isoformat() for d in readings]
        raise InvalidInput("date_ambiguous", text=text, readings=readings, writings=writings)
    return day_first or month_first


def day_ahead(text: str, today: date, what: str) -> date:
    """A day to come, today or later, written as `parse_day` reads it; refusals are
    `<what>_not_a_date`, `date_ambiguous` and `<what>_in_past`."""
    text = text.strip()
    when = parse_day(text)
    if when is None:
        raise InvalidInput(f"{what}_not_a_date", text=text, year=today.year)
    if when < today:
        raise InvalidInput(f"{what}_in_past", when=format_day(when), today=format_day(today))
    return when
