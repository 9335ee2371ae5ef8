"""A report's period typed with days as the reader writes them (issue 16)."""

from datetime import UTC, date, datetime

import pytest

from bot.common.errors import InvalidInput
from bot.i18n import speaking
from bot.reports.period import parse

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("en", "2026-01-01..2026-03-31"), ("fi", "1.1.2026..31.3.2026"),
     ("fr", "01/01/2026 .. 31/03/2026"), ("ro", "1.1.2026..2026-03-31")],
)  # fmt: skip
def test_a_range_of_local_days(lang: str, typed: str) -> None:
    with speaking(lang):
        period = parse(typed, NOW)
    assert (period.first, period.last) == (date(2026, 1, 1), date(2026, 3, 31))


def test_a_day_that_reads_two_ways_is_asked_about_in_english() -> None:
    with speaking("en"), pytest.raises(InvalidInput) as caught:
        parse("01/02/2026..2026-03-31", NOW)
    assert caught.value.code == "date_ambiguous"
    with speaking("fr"):
        assert parse("01/02/2026..2026-03-31", NOW).first == date(2026, 2, 1)
