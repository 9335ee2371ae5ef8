"""Digest schedules: local times, DST, catch-up."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.common.errors import InvalidInput
from bot.digests import schedule

HEL = "Europe/Helsinki"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_daily_in_helsinki_winter_and_summer():
    # 09:00 in Helsinki is 07:00 UTC in winter (UTC+2) and 06:00 UTC in summer (UTC+3).
    assert schedule.occurrence(date(2026, 1, 15), "09:00", HEL) == utc(2026, 1, 15, 7)
    assert schedule.occurrence(date(2026, 7, 15), "09:00", HEL) == utc(2026, 7, 15, 6)


def test_due_only_after_its_time_and_only_once_per_day():
    before = utc(2026, 1, 15, 6, 59)
    at = utc(2026, 1, 15, 7, 0)
    assert schedule.due("daily", None, "09:00", HEL, before, EPOCH).local_date == date(2026, 1, 14)
    d = schedule.due("daily", None, "09:00", HEL, at, EPOCH)
    assert d.local_date == date(2026, 1, 15) and not d.late(at)


def test_downtime_is_caught_up_once_late_and_a_run_older_than_a_day_is_skipped():
    # Down for three days until 14:00 local: only today's 09:00 run is due, late.
    d = schedule.due("daily", None, "09:00", HEL, utc(2026, 1, 15, 12), utc(2026, 1, 12))
    assert d.local_date == date(2026, 1, 15) and d.late(utc(2026, 1, 15, 12))
    # A weekly run on Monday 08:30, back up on Wednesday: skipped, not posted two days late.
    wednesday = utc(2026, 11, 25, 12)
    assert schedule.due("weekly", 0, "08:30", HEL, wednesday, EPOCH) is None
    monday_evening = utc(2026, 11, 23, 18)
    assert schedule.due("weekly", 0, "08:30", HEL, monday_evening, EPOCH).late(monday_evening)


def test_nothing_is_due_from_before_the_subscription():
    created = utc(2026, 1, 15, 10)
    assert schedule.due("daily", None, "09:00", HEL, utc(2026, 1, 15, 11), created) is None


def test_weekly_on_monday():
    now = utc(2026, 11, 25, 12)  # a Wednesday
    d = schedule.latest("weekly", 0, "08:30", HEL, now)
    assert d.local_date == date(2026, 11, 23) and d.local_date.weekday() == 0
    assert schedule.next_time("weekly", 0, "08:30", HEL, now) == utc(2026, 11, 30, 6, 30)


@pytest.mark.parametrize("zone", ["Europe/Helsinki", "America/New_York"])
def test_dst_changes_neither_skip_nor_double_a_day(zone):
    """Walk minute by minute through both DST changes of 2026 at 03:30 local (inside both gaps)."""
    for start in (datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 10, 23, tzinfo=UTC)):
        days: list[date] = []
        now = start
        while now < start + timedelta(days=10):
            d = schedule.latest("daily", None, "03:30", zone, now)
            if not days or days[-1] != d.local_date:
                days.append(d.local_date)
            now += timedelta(minutes=5)
        assert days == [days[0] + timedelta(days=i) for i in range(len(days))]
        assert len(days) in (10, 11)


def test_time_zone_day_parsing():
    assert schedule.parse_time("9:05") == "09:05"
    assert schedule.parse_day("Monday") == 0 and schedule.parse_day("sun") == 6
    for bad, fn in (("25:00", schedule.parse_time), ("noon", schedule.parse_time),
                    ("Mars/Olympus", schedule.parse_zone), ("someday", schedule.parse_day)):
        with pytest.raises(InvalidInput):
            fn(bad)
