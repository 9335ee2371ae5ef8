"""Report periods: the contract's boundaries, calendar quarters, days in a zone."""

from datetime import UTC, date, datetime

import pytest

from bot.common.errors import InvalidInput
from bot.reports import period


def test_as_of_and_window_is_the_n_days_before_the_start_of_day_d():
    p = period.window(date(2026, 4, 1), 90)
    assert (p.start, p.end) == (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    assert (p.first, p.last, p.days) == (date(2026, 1, 1), date(2026, 3, 31), 90)


def test_from_to_includes_both_days_in_the_zone():
    p = period.between(date(2026, 3, 1), date(2026, 3, 31), "Europe/Helsinki")
    assert p.start == datetime(2026, 2, 28, 22, tzinfo=UTC)  # EET, +2
    assert p.end == datetime(2026, 3, 31, 21, tzinfo=UTC)  # EEST from Mar 29, +3


@pytest.mark.parametrize(
    "today, first",
    [
        (date(2026, 1, 1), date(2026, 1, 1)),
        (date(2026, 3, 31), date(2026, 1, 1)),
        (date(2026, 4, 1), date(2026, 4, 1)),
        (date(2026, 8, 15), date(2026, 7, 1)),
        (date(2026, 12, 31), date(2026, 10, 1)),
    ],
)
def test_quarter_is_the_calendar_quarter_to_date(today, first):
    now = datetime(today.year, today.month, today.day, 12, tzinfo=UTC)
    p = period.parse("quarter", now)
    assert (p.first, p.start, p.end) == (
        first,
        datetime.combine(first, datetime.min.time(), UTC),
        now,
    )


@pytest.mark.parametrize(
    "text",
    ["yesterday", "2026-02-30..2026-03-01", "2026-03-02..2026-03-01", "0", "3661", "30 days ago"],
)
def test_a_bad_period_is_refused(text):
    with pytest.raises(InvalidInput):
        period.parse(text, datetime(2026, 4, 10, tzinfo=UTC))
