"""Issue 12: reminders set, done and snoozed are in the deal's history and thread, and an
undo's history line says what it took back, in words."""

from datetime import timedelta

import time_machine

from tests.e2e.helpers import SALES, card, history, text_of
from tests.e2e.test_followups import FRI_0900_HEL, MON, at, dms, setup, tick


def thread_lines(slack, number: int) -> list[str]:
    """The lines in deal #number's card thread, oldest first (the card itself left out)."""
    root = card(slack, number)
    return [text_of(m) for m in slack.standin.thread(SALES, root.ts) if m.ts != root.ts]


def test_reminders_set_done_and_snoozed_are_recorded_and_posted_in_the_thread(slack, driver):
    setup(driver)
    at(MON, driver, "tag 1 <@U0BOB|bob>")  # on the deal: bob may set reminders on it
    at(MON, driver, "remind 1 2026-03-06 call Ann")
    at(MON, driver, "remind 1 2026-03-06 call Bob", user="U0BOB")
    tick(slack, FRI_0900_HEL)
    first, second = dms(slack)
    ann = first if "call Ann" in text_of(first) else second
    bob = second if ann is first else first
    with time_machine.travel(FRI_0900_HEL + timedelta(minutes=5), tick=False):
        driver.click("reminder_done", message=ann)
        driver.click("reminder_snooze", message=bob)
    kinds = [a.kind for a in history(1)]
    assert kinds[-4:] == ["reminder", "reminder", "reminder_done", "reminder_snoozed"]
    assert kinds.count("reminder_done") == 1
    assert history(1)[-3].actor_id == "U0BOB"
    slack.settle()
    lines = "\n".join(thread_lines(slack, 1))
    assert "<@U0ANN> set a reminder for 2026-03-06: call Ann" in lines
    assert "<@U0BOB> set a reminder for 2026-03-06: call Bob" in lines
    assert "<@U0ANN> marked the reminder for 2026-03-06 done: call Ann" in lines
    assert "<@U0ANN> snoozed the reminder from 2026-03-06 to 2026-03-13: call Bob" in lines
    with time_machine.travel(FRI_0900_HEL + timedelta(minutes=6), tick=False):
        shown = text_of(driver.slash("show 1").message)
    assert "set a reminder for 2026-03-06: call Ann" in shown
    assert "snoozed the reminder from 2026-03-06 to 2026-03-13: call Bob" in shown


def test_a_reminder_on_another_owners_deal_tells_the_owner_like_other_changes(slack, driver):
    setup(driver)
    at(MON, driver, "tag 1 <@U0BOB|bob>")
    at(MON, driver, "remind 1 2026-03-06 <check> & call", user="U0BOB")
    slack.settle()
    owner_dm = [text_of(m) for m in slack.standin.messages("D0ANN")]
    assert any("set a reminder for 2026-03-06: &lt;check&gt; &amp; call" in t for t in owner_dm)


def test_the_undo_line_says_what_was_taken_back_with_its_values(slack, driver):
    driver.slash("new Acme 15k")
    driver.slash("set 1 value 12k")
    driver.slash("undo")
    slack.settle()
    lines = thread_lines(slack, 1)
    assert "<@U0ANN> took back the value change: $15,000 → $12,000" in lines[-1]
    assert "set_value" not in lines[-1] and "(value)" not in lines[-1]
    shown = text_of(driver.slash("show 1").message)
    assert "took back the value change: $15,000 → $12,000" in shown
    driver.slash("note 1 wrong deal")
    driver.slash("undo")
    slack.settle()
    assert thread_lines(slack, 1)[-1].endswith("<@U0ANN> took back a note")
    assert history(1)[-1].kind == "undone"
