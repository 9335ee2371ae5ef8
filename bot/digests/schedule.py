"""When is a digest due? Local times in IANA zones, DST-safe, late once, never stacked."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.common.errors import InvalidInput

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CATCH_UP = timedelta(days=1)  # a run missed for longer than this is skipped, not stacked
LATE_AFTER = timedelta(minutes=15)  # posted later than this after its time says it is late
_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class Due:
    """A run that should happen now: its local date and when it was meant to be."""

    local_date: date
    at: datetime  # UTC

    def late(self, now: datetime) -> bool:
        """Posted noticeably after its time (after downtime)."""
        return now - self.at > LATE_AFTER


def parse_time(text: str) -> str:
    """`9:00` or `09:00` as HH:MM, or an error saying what would work."""
    m = _HHMM.fullmatch(text.strip())
    if not m:
        raise InvalidInput("digest_bad_time", text=text)
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def parse_zone(text: str) -> str:
    """An IANA time zone name such as Europe/Helsinki."""
    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("digest_bad_zone", text=text) from None
    return text.strip()


def parse_day(text: str) -> int:
    """A weekday (mon … sun, or the full name) as 0 = Monday."""
    word = text.strip().lower()[:3]
    if word not in DAYS or not text.strip().isalpha():
        raise InvalidInput("digest_bad_weekday", text=text)
    return DAYS.index(word)


def occurrence(day: date, at_time: str, tz: str) -> datetime:
    """The UTC instant of HH:MM local time on that local day.

    A time that does not exist that day (skipped by a DST change) happens at the same
    wall-clock time in the zone's earlier offset, i.e. once, an hour later in local terms;
    a time that happens twice (clocks going back) happens at its first instance.
    """
    hh, mm = (int(x) for x in at_time.split(":"))
    local = datetime.combine(day, time(hh, mm), tzinfo=ZoneInfo(tz))  # fold=0: the first
    return local.astimezone(UTC)


def latest(cadence: str, weekday: int | None, at_time: str, tz: str, now: datetime) -> Due:
    """The most recent scheduled time at or before now."""
    today = now.astimezone(ZoneInfo(tz)).date()
    for back in range(0, 8):
        day = today - timedelta(days=back)
        if cadence == "weekly" and day.weekday() != weekday:
            continue
        at = occurrence(day, at_time, tz)
        if at <= now:
            return Due(day, at)
    raise AssertionError("a daily or weekly schedule always has a time in the past week")


def next_time(cadence: str, weekday: int | None, at_time: str, tz: str, now: datetime) -> datetime:
    """The next scheduled time after now (UTC)."""
    today = now.astimezone(ZoneInfo(tz)).date()
    for ahead in range(0, 9):
        day = today + timedelta(days=ahead)
        if cadence == "weekly" and day.weekday() != weekday:
            continue
        at = occurrence(day, at_time, tz)
        if at > now:
            return at
    raise AssertionError("a daily or weekly schedule always has a time in the next week")


def due(
    cadence: str, weekday: int | None, at_time: str, tz: str, now: datetime, since: datetime
) -> Due | None:
    """The run to do now, if any: scheduled after `since` and missed by no more than a day."""
    run = latest(cadence, weekday, at_time, tz, now)
    if run.at < since or now - run.at > CATCH_UP:
        return None
    return run
