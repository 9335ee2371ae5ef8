"""A Finnish seller, end to end: amounts, days and stage names typed and shown the Finnish
way, a form that reads two ways refused with both, and stored data left in English."""

import pytest
import sqlmodel

from handlers.languages.choosing import LOCALES
from storage import db
from storage.models import Member, Stage
from tests.e2e.helpers import TEAM, card, deal, history, qualify, stage_key, text_of, told

NBSP = "\u00a0"


@pytest.fixture
def finnish(slack, driver):
    """ann's Slack speaks Finnish, and so does the sales channel; ann is an admin."""
    LOCALES.forget()
    slack.standin.users["U0ANN"]["locale"] = "fi-FI"
    driver.slash("language fi")
    with db.session_scope() as s:
        s.add(Member(team_id=TEAM, user_id="U0ANN", role="admin", set_by="U0ANN"))
    yield driver
    LOCALES.forget()


def test_a_finnish_seller_types_and_reads_finnish_forms(slack, finnish):
    finnish.slash("currency EUR")
    finnish.slash("new Acme Corp 4 500 €")
    assert (deal(1).value_minor, deal(1).currency) == (450_000, "EUR")
    qualify(slack, finnish, 1)
    finnish.slash("move 1 tarjous")  # the Finnish name of "Proposal received"
    assert stage_key(1) == "proposal"
    shown = text_of(card(slack, 1))
    assert "Tarjous vastaanotettu" in shown and f"4{NBSP}500{NBSP}€" in shown
    assert "Proposal received" not in shown

    finnish.slash("set 1 value 5 000 €")
    finnish.slash("set 1 close 31.12.2030")
    assert (deal(1).value_minor, str(deal(1).close_date)) == (500_000, "2030-12-31")
    value = [a for a in history(1) if a.kind == "value"][-1]
    assert (value.from_value, value.to_value) == ("€4,500", "€5,000")  # stored in English
    shown = text_of(card(slack, 1))
    assert f"5{NBSP}000{NBSP}€" in shown and "31.12.2030" in shown


def test_a_form_that_reads_two_ways_changes_nothing_and_shows_both(slack, finnish):
    finnish.slash("currency EUR")
    finnish.slash("new Acme Corp 12k")
    finnish.slash("set 1 value 4.500 €")
    said = told(slack)
    assert f"4,50{NBSP}€" in said and f"4{NBSP}500{NBSP}€" in said
    assert "`4,50`" in said and "`4500`" in said
    assert deal(1).value_minor == 1_200_000


def test_saving_the_editor_unchanged_keeps_the_stored_names(slack, finnish):
    finnish.slash("stages edit")
    view = slack.standin.open_views("U0ANN")[-1]
    names = [b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"]
    assert "Tarjous vastaanotettu" in names and "Proposal received" not in names
    reply = finnish.submit(view["id"], {})
    assert not reply.errors, reply.errors
    assert "Et muuttanut vaiheissa mitään" in told(slack)  # "You changed nothing …"
    with db.session_scope() as s:
        stored = s.exec(sqlmodel.select(Stage.name).where(Stage.team_id == TEAM)).all()
    assert "Proposal received" in stored and "Tarjous vastaanotettu" not in stored
