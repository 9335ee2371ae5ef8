"""Issue 12, follow-ups: reminders from Keep nurturing and /deal remind, DMed once on the day."""

from datetime import UTC, datetime, timedelta

import sqlmodel
import time_machine

from handlers.followups import dms as reminders
from storage import db
from storage.models import Deal, Outbox, Reminder
from tests.e2e.helpers import text_of, told

MON = datetime(2026, 3, 2, 8, tzinfo=UTC)  # Monday 10:00 in Helsinki
FRI_0900_HEL = datetime(2026, 3, 6, 7, tzinfo=UTC)
NO_BUDGET = {"bant_budget": "unknown", "bant_authority": "no_access", "bant_need": "nice",
             "bant_timeline": "none"}


def at(now, driver, text, user="U0ANN"):
    with time_machine.travel(now, tick=False):
        return driver.slash(text, user=user)


def tick(slack, now, replicas=1):
    """The clock at `now` (on `replicas` servers), then what the outbox delivers."""
    with time_machine.travel(now, tick=False):
        for _ in range(replicas):
            reminders.run_due(now)
        slack.settle()


def dms(slack, channel="D0ANN"):
    """The reminder DMs in the channel, each as it reads now (Done and Snooze replace it)."""
    return [m for m in slack.standin.messages(channel) if "Reminder" in text_of(m)]


def setup(driver):
    at(MON, driver, "new Acme 12k")
    at(MON, driver, "digest daily 09:00 Europe/Helsinki")  # the nudges' clock: 09:00 Helsinki


def test_remind_sends_one_dm_on_the_day_and_none_before(slack, driver):
    setup(driver)
    reply = at(MON, driver, "remind 1 2026-03-06 send the proposal")
    assert "On 2026-03-06 I will remind you about #1 Acme: send the proposal" in text_of(
        reply.message)
    tick(slack, FRI_0900_HEL - timedelta(days=1))
    tick(slack, FRI_0900_HEL - timedelta(minutes=1))  # 08:59 on the day: not yet
    assert dms(slack) == []
    tick(slack, FRI_0900_HEL)
    tick(slack, FRI_0900_HEL + timedelta(hours=2))
    [dm] = dms(slack)
    assert "#1 Acme: send the proposal (due 2026-03-06)" in text_of(dm)
    actions = [e["action_id"] for b in dm.blocks if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["reminder_done", "reminder_snooze", "reminder_show"]


def test_keep_nurturing_date_reminds_the_owner(slack, driver):
    setup(driver)
    with time_machine.travel(MON, tick=False):
        driver.slash("qualify 1")
        [form] = slack.standin.open_views("U0ANN")
        driver.submit(form["id"], NO_BUDGET)
        driver.click("bant_nurture")
        form = slack.standin.open_views("U0ANN")[-1]
        driver.submit(form["id"], {"bant_follow_up": "2026-03-06", "bant_follow_note": "later"})
    tick(slack, FRI_0900_HEL - timedelta(hours=1))
    assert dms(slack) == []
    tick(slack, FRI_0900_HEL)
    tick(slack, FRI_0900_HEL + timedelta(days=1))
    [dm] = dms(slack)
    assert "#1 Acme: follow up (Keep nurturing) (due 2026-03-06)" in text_of(dm)


def test_done_ends_it_and_snooze_moves_it_a_week(slack, driver):
    setup(driver)
    at(MON, driver, "remind 1 2026-03-06 call Ann")
    at(MON, driver, "remind 1 2026-03-06 call Bob")
    tick(slack, FRI_0900_HEL)
    ann, bob = dms(slack)
    with time_machine.travel(FRI_0900_HEL + timedelta(minutes=5), tick=False):
        driver.click("reminder_done", message=ann if "Ann" in text_of(ann) else bob)
        driver.click("reminder_snooze", message=bob if "Bob" in text_of(bob) else ann)
    said = [text_of(m) for m in dms(slack)]
    assert any("Done" in t and "call Ann" in t for t in said)
    assert any("Snoozed until 2026-03-13" in t and "call Bob" in t for t in said)
    tick(slack, FRI_0900_HEL + timedelta(days=1))
    tick(slack, FRI_0900_HEL + timedelta(days=7) - timedelta(minutes=1))
    assert len(dms(slack)) == 2  # nothing new until the snoozed day
    tick(slack, FRI_0900_HEL + timedelta(days=7))
    tick(slack, FRI_0900_HEL + timedelta(days=8))
    again = dms(slack)[2:]
    assert len(again) == 1 and "call Bob (due 2026-03-13)" in text_of(again[0])


def test_show_shows_the_card(slack, driver):
    setup(driver)
    at(MON, driver, "remind 1 2026-03-06 call Ann")
    tick(slack, FRI_0900_HEL)
    [dm] = dms(slack)
    with time_machine.travel(FRI_0900_HEL, tick=False):
        driver.click("reminder_show", message=dm)
    assert "#1 Acme" in told(slack) and "created" in told(slack).lower()


def test_a_bad_date_gets_a_clear_reply_and_changes_nothing(slack, driver):
    setup(driver)
    for text, expected in [
        ("remind 1 2026-02-30 call", "`2026-02-30` is not a date. Write it as YYYY-MM-DD"),
        ("remind 1 friday call", "`friday` is not a date"),
        ("remind 1 2026-03-01 call", "2026-03-01 is in the past"),
        ("remind 1 2026-03-06", "Remind you of what?"),
        ("remind 1", "On which day?"),
        ("remind 99 2026-03-06 call", "#99"),
    ]:
        assert expected in text_of(at(MON, driver, text).message), text
    with db.session_scope() as s:
        assert s.exec(sqlmodel.select(Reminder)).all() == []


def test_two_replicas_clocks_send_one_dm(slack, driver):
    setup(driver)
    at(MON, driver, "remind 1 2026-03-06 call Ann")
    tick(slack, FRI_0900_HEL, replicas=2)
    tick(slack, FRI_0900_HEL + timedelta(minutes=1), replicas=2)
    assert len(dms(slack)) == 1
    with db.session_scope() as s:
        rows = s.exec(sqlmodel.select(Outbox).where(Outbox.kind == "reminder")).all()
        assert len(rows) == 1


def test_the_owner_gets_it_and_an_archived_deal_reminds_no_one(slack, driver):
    at(MON, driver, "new Acme 12k <@U0BOB|bob>")
    at(MON, driver, "new Junk 1k")
    reply = at(MON, driver, "remind 1 2026-03-06 call Ann")
    assert "remind <@U0BOB>" in text_of(reply.message)
    at(MON, driver, "remind 2 2026-03-06 tidy")
    at(MON, driver, "archive 2")
    tick(slack, FRI_0900_HEL + timedelta(hours=2))  # no digest schedule: 09:00 UTC
    assert len(dms(slack, "D0BOB")) == 1 and dms(slack) == []


def test_a_next_steps_due_date_reminds_on_the_day_and_a_new_step_ends_it(slack, driver):
    setup(driver)
    at(MON, driver, "new Globex 5k")
    reply = at(MON, driver, "set 1 next send the proposal by 2026-03-06")
    assert "send the proposal by 2026-03-06" in text_of(reply.message)
    at(MON, driver, "set 2 next demo by 2026-03-06")
    at(MON, driver, "set 2 next call the CFO")  # the demo's reminder ends with it
    bad = at(MON, driver, "set 2 next demo by 2026-02-30")
    assert "`2026-02-30` is not a date" in text_of(bad.message)
    tick(slack, FRI_0900_HEL - timedelta(minutes=1))
    assert dms(slack) == []
    tick(slack, FRI_0900_HEL)
    [dm] = dms(slack)
    assert "#1 Acme: next step: send the proposal (due 2026-03-06)" in text_of(dm)
    with db.session_scope() as s:
        assert s.exec(sqlmodel.select(Deal).where(Deal.number == 2)).one().next_step == (
            "call the CFO")
