"""A next step's due day read as each language writes it: `by 2026-12-05`, `5.12.2026
mennessä`, `d'ici le 05/12/2026`, `până pe 05.12.2026`, and the reminder it sets."""

from datetime import date

import pytest

from bot.common.days import format_day
from bot.common.errors import InvalidInput
from bot.deals import service as deals
from bot.followups.service import due_day, next_step_due
from bot.i18n import speaking
from bot.workspaces.service import ensure_workspace
from storage import reminder_queries as rq

T = "T0TEST"
TODAY = date(2026, 12, 1)
DUE = date(2026, 12, 5)


@pytest.mark.parametrize("lang, step", [
    ("en", "Intro call by 2026-12-05"),
    ("en", "Intro call by 5.12.2026"),
    ("fi", "Esittelypuhelu 5.12.2026 mennessä"),
    ("fi", "Esittelypuhelu viimeistään 5.12.2026."),
    ("fi", "Esittelypuhelu by 2026-12-05"),
    ("fr", "Appel de découverte d'ici le 05/12/2026"),
    ("fr", "Appel de découverte avant le 5/12/2026"),
    ("ro", "Apel de prezentare până pe 05.12.2026"),
    ("ro", "Apel de prezentare până la 5/12/2026"),
])
def test_a_next_step_ending_in_a_local_due_day_is_due_that_day(lang, step):
    with speaking(lang):
        assert due_day(step, TODAY) == DUE


@pytest.mark.parametrize("lang", ["fi", "fr", "ro"])
def test_the_day_the_card_writes_is_a_day_the_next_step_reads(lang):
    with speaking(lang):
        written = format_day(DUE)
        assert due_day(f"demo by {written}", TODAY) == DUE


@pytest.mark.parametrize("step", [
    "call the CFO", "call 2026-12-05", "standby 2026-12-05", "by 2026-12-05 call them",
    "mennessä 5.12.2026",
])
def test_a_step_that_names_no_due_day_sets_none(step):
    assert due_day(step, TODAY) is None


def test_a_slash_day_an_english_reader_could_read_two_ways_is_asked_about():
    with pytest.raises(InvalidInput) as e:
        due_day("demo by 01/02/2027", TODAY)
    assert e.value.code == "date_ambiguous"
    with speaking("fr"):  # a French reader writes the day first
        assert due_day("démo d'ici le 01/02/2027", TODAY) == date(2027, 2, 1)


def test_the_reminder_keeps_the_step_without_its_due_words(session):
    ensure_workspace(session=session, team_id=T)
    view = deals.create(session=session, team_id=T, actor="U0ANN", name="Acme")
    with speaking("fi"):
        next_step_due(session, view.deal, "U0ANN", "Esittelypuhelu 5.12.2026 mennessä", TODAY)
    [r] = rq.open_for(session=session, team_id=T, deal_id=view.deal.id)
    assert (r.due_on, r.what) == (DUE, "next step: Esittelypuhelu")
