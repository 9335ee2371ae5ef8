"""The period a report covers: [start, end) in UTC, from days in a time zone.

- `window(as_of, days)`: the N days before the start of day D, i.e. [D - N days, D).
- `between(a, b)`: both days included, i.e. [A, B + 1 day).
- `rolling(now, days)`: the N x 24 hours up to now (the digest's window).
- `quarter_to_date(now)`: from the first day of the current calendar quarter up to now.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.common.days import parse_day
from bot.common.errors import InvalidInput

MAX_DAYS = 3660  # ten years; longer is a typo
PRESETS = (30, 90, 365)
_RANGE = re.compile(r"([0-9./-]+?)\s*\.\.\s*([0-9./-]+)")  # days as bot.common.days reads them


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC; `first` and `last` are the days it spans in its zone."""

    start: datetime
    end: datetime
    first: date
    last: date
    tz: str = "UTC"
    to_now: bool = False  # ends now rather than at the start of a day

    @property
    def days(self) -> int:
        """Its length in whole days (rounded)."""
        return round((self.end - self.start) / timedelta(days=1))


def zone(name: str) -> str:
    """An IANA zone name as given, or UTC when it is not one."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def _midnight(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def check_days(days: int) -> int:
    """A window length in days, 1 to MAX_DAYS."""
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput("report_bad_days", text=str(days), most=MAX_DAYS)
    return days


def window(as_of: date, days: int, tz: str = "UTC") -> Period:
    """The `days` days before the start of day `as_of`: [as_of - days, as_of)."""
    first = as_of - timedelta(days=check_days(days))
    return Period(_midnight(first, tz), _midnight(as_of, tz), first, as_of - timedelta(days=1), tz)


def between(first: date, last: date, tz: str = "UTC") -> Period:
    """From day `first` to day `last`, both included."""
    if last < first:
        raise InvalidInput("report_backwards", first=first.isoformat(), last=last.isoformat())
    check_days((last - first).days + 1)
    end = _midnight(last + timedelta(days=1), tz)
    return Period(_midnight(first, tz), end, first, last, tz)


def rolling(now: datetime, days: int, tz: str = "UTC") -> Period:
    """The `days` x 24 hours up to now."""
    start = now - timedelta(days=check_days(days))
    zone = ZoneInfo(tz)
    return Period(start, now, start.astimezone(zone).date(), now.astimezone(zone).date(), tz, True)


def quarter_to_date(now: datetime, tz: str = "UTC") -> Period:
    """From the first day of the current calendar quarter (in the zone) up to now."""
    today = now.astimezone(ZoneInfo(tz)).date()
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return Period(_midnight(first, tz), now, first, today, tz, True)


def day(text: str) -> date:
    """A day: YYYY-MM-DD, or as the reader writes it (`31.12.2026`, `31/12/2026`)."""
    when = parse_day(text)
    if when is None:
        raise InvalidInput("report_bad_day", text=text)
    return when


def parse(text: str, now: datetime, tz: str = "UTC", default: int = 90) -> Period:
    """`30`, `90`, `365` (days up to now), `quarter`, or `YYYY-MM-DD..YYYY-MM-DD`; nothing is
    the `default` days up to now."""
    word = text.strip().lower()
    if not word:
        return rolling(now, default, tz)
    if word.isdigit():
        return rolling(now, int(word), tz)
    if word in ("quarter", "q"):
        return quarter_to_date(now, tz)
    m = _RANGE.fullmatch(word)
    if m:
        return between(day(m.group(1)), day(m.group(2)), tz)
    raise InvalidInput("report_bad_period", text=text)
