"""A refused date shows, in each language, the form its reader writes a day in (31.12.2026,
31/12/2026: what dealbot reads and writes for them), and the example it gives is taken."""

import re
from datetime import date

import pytest

from bot.common.days import format_day, parse_day
from bot.common.errors import InvalidInput
from bot.followups.service import due_day
from bot.i18n import _, speaking
from handlers.kit import errors
from handlers.reports.words import words as report_words

YEAR = 2027
DAY = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{4}")
REFUSALS = {  # code -> what the example names, how the reply is worded
    "close_not_a_date": (date(YEAR, 12, 31), errors.words),
    "remind_not_a_date": (date(YEAR, 12, 1), errors.words),
    "report_bad_day": (date(2026, 3, 31), report_words),
}


def example_day(said: str) -> str:
    [day] = DAY.findall(said)
    return day


@pytest.mark.parametrize("code", sorted(REFUSALS))
@pytest.mark.parametrize("lang", ["en", "fi", "fr", "ro"])
def test_a_refused_date_shows_the_readers_own_form(lang, code):
    meant, words = REFUSALS[code]
    with speaking(lang):
        said = words(InvalidInput(code, text="huomenna", year=YEAR))
        shown = example_day(said)
        assert shown == format_day(meant)  # as dealbot writes that day to this reader
        assert parse_day(shown) == meant  # and reads it back
    assert "`huomenna`" in said
    if lang != "en":
        assert "-MM-" not in said and "-KK-" not in said and "-LL-" not in said


@pytest.mark.parametrize("lang", ["en", "fi", "fr", "ro"])
def test_the_next_step_placeholder_sets_the_reminder_it_promises(lang):
    with speaking(lang):
        step = _("Intro call by 2026-12-05")
        assert example_day(step) == format_day(date(2026, 12, 5))
        assert due_day(step, date(2026, 12, 1)) == date(2026, 12, 5)
