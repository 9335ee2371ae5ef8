"""Days: written as the reader's language writes them short, read back the same, local forms
read, and a slash date that is two days in English refused with both."""

from datetime import date, timedelta

import pytest

from bot.common.days import day_ahead, format_day, parse_day
from bot.common.errors import InvalidInput
from bot.i18n import speaking
from tests.words import told

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "2026-12-31"), ("fi", "31.12.2026"), ("fr", "31/12/2026"), ("ro", "31.12.2026")],
)
def test_format_day_in_each_language(lang: str, written: str) -> None:
    with speaking(lang):
        assert format_day(date(2026, 12, 31)) == written


@pytest.mark.parametrize("lang", ["en", "fi", "fr", "ro"])
def test_round_trip_format_then_parse_gives_the_same_day(lang: str) -> None:
    day = date(2026, 1, 1)
    with speaking(lang):
        while day.year < 2028:  # every day of two years: single digits, 1/2 vs 2/1, leap day
            assert parse_day(format_day(day)) == day, (lang, day, format_day(day))
            day += timedelta(days=1)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "2026-12-31", date(2026, 12, 31)),
        ("fi", "2026-12-31", date(2026, 12, 31)),  # ISO in every language
        ("en", "31.12.2026", date(2026, 12, 31)),  # dots: the day first, in every language
        ("en", "1.2.2027", date(2027, 2, 1)),
        ("en", "31/12/2026", date(2026, 12, 31)),  # one way only
        ("en", "12/31/2026", date(2026, 12, 31)),
        ("fr", "12/31/2026", date(2026, 12, 31)),
        ("fr", "01/02/2027", date(2027, 2, 1)),  # a French reader writes the day first
        ("fi", "1/2/2027", date(2027, 2, 1)),
        ("ro", "01/02/2027", date(2027, 2, 1)),
        ("en", "02/02/2027", date(2027, 2, 2)),  # both readings are the same day
        ("en", "2026-02-30", None),
        ("fi", "31.2.2027", None),
        ("fi", "12.31.2026", None),  # with dots the month is never first
        ("en", "31-12-2026", None),
        ("en", "31.12.26", None),  # four-digit years
        ("en", "soon", None),
    ],
)
def test_parse_day_reads(lang: str, text: str, expected: date | None) -> None:
    with speaking(lang):
        assert parse_day(text) == expected


def test_a_slash_date_two_days_in_english_is_refused_with_both() -> None:
    with speaking("en"), pytest.raises(InvalidInput) as caught:
        parse_day("01/02/2027")
    assert caught.value.data["readings"] == [date(2027, 2, 1), date(2027, 1, 2)]
    assert told(caught) == (
        "`01/02/2027` can be two days: February 1, 2027 (write `2027-02-01`) "
        "or January 2, 2027 (write `2027-01-02`)."
    )
    for written in caught.value.data["writings"]:
        assert parse_day(written) in caught.value.data["readings"]


def test_day_ahead_reads_local_forms_and_says_the_past_locally() -> None:
    with speaking("fi"):
        assert day_ahead("31.12.2026", TODAY, "close") == date(2026, 12, 31)
        with pytest.raises(InvalidInput) as caught:
            day_ahead("1.2.2020", TODAY, "close")
    assert caught.value.code == "close_in_past"
    assert caught.value.data == {"when": "1.2.2020", "today": "30.11.2026"}
    with speaking("en"), pytest.raises(InvalidInput) as caught:
        day_ahead("2020-02-01", TODAY, "close")
    assert caught.value.data == {"when": "2020-02-01", "today": "2026-11-30"}
    with pytest.raises(InvalidInput) as caught:
        day_ahead("next week", TODAY, "remind")
    assert caught.value.code == "remind_not_a_date"
