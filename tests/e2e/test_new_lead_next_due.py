"""Issue 12: the New lead form's next step reads `by <date>` as `/deal set 12 next` does."""

from datetime import timedelta

import sqlmodel
import time_machine

from storage import db
from storage.models import Deal, Reminder
from tests.e2e.helpers import text_of
from tests.e2e.test_followups import FRI_0900_HEL, MON, dms, tick


def submit_form(slack, driver, typed: dict):
    with time_machine.travel(MON, tick=False):
        driver.slash("new")
        form = slack.standin.open_views("U0ANN")[-1]
        return driver.submit(form["id"], typed)


def test_a_next_step_by_a_date_in_the_form_reminds_the_owner_on_that_day(slack, driver):
    reply = submit_form(
        slack,
        driver,
        {"lead_name": "Acme", "lead_value": "12k", "lead_next": "send the proposal by 2026-03-06"},
    )
    assert not reply.errors
    with time_machine.travel(MON, tick=False):  # the same step typed, for another deal
        driver.slash("new Globex 5k")
        driver.slash("set 2 next send the proposal by 2026-03-06")
    with db.session_scope() as s:
        found = s.exec(sqlmodel.select(Reminder).order_by(Reminder.id)).all()
        assert [(r.source, r.what, r.due_on.isoformat()) for r in found] == [
            ("next", "next step: send the proposal", "2026-03-06")
        ] * 2
    tick(slack, FRI_0900_HEL + timedelta(hours=2))  # no digest schedule: 09:00 UTC
    said = sorted(text_of(m) for m in dms(slack))
    assert len(said) == 2
    assert "#1 Acme: next step: send the proposal (due 2026-03-06)" in said[0]


def test_a_bad_date_in_the_forms_next_step_is_that_fields_error_and_creates_nothing(slack, driver):
    for step, expected in (
        ("demo by 2026-02-30", "`2026-02-30` is not a date"),
        ("demo by 2026-03-01", "2026-03-01 is in the past"),
    ):
        reply = submit_form(slack, driver, {"lead_name": "Acme", "lead_next": step})
        assert set(reply.errors) == {"lead_next"}, step
        assert expected in reply.errors["lead_next"]
    with db.session_scope() as s:
        assert s.exec(sqlmodel.select(Deal)).all() == []
        assert s.exec(sqlmodel.select(Reminder)).all() == []
