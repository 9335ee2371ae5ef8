"""Issue 12, everyday verbs: /deal undo takes back your own last change, for 5 minutes."""

from datetime import UTC, datetime, timedelta

import time_machine

from tests.e2e.helpers import card, deal, everyone_may_change, history, qualify, stage_key, text_of

NOW = datetime(2026, 1, 14, 12, tzinfo=UTC)


def at(minutes: float):
    return time_machine.travel(NOW + timedelta(minutes=minutes), tick=False)


def test_undo_a_move_puts_the_deal_back_and_records_it(slack, driver):
    with at(0):
        driver.slash("new Acme 12k")
        qualify(slack, driver, 1)
        driver.slash("move 1 proposal")
    with at(4):
        reply = driver.slash("undo")
    assert "Undone: the move from Lead qualified to Proposal received on #1 Acme" in text_of(
        reply.message)
    assert stage_key(1) == "qualified"
    assert history(1)[-1].kind == "undone"
    assert "took back the move: Lead qualified → Proposal received" in text_of(card(slack, 1))
    with at(4.5):
        again = driver.slash("undo")
    assert "nothing more to undo" in text_of(again.message) and stage_key(1) == "qualified"


def test_undo_lost_won_value_note_and_archive(slack, driver):
    with at(0):
        driver.slash("new Acme 12k")
        driver.slash("lost 1 price")
        driver.slash("undo")
    assert deal(1).lost_reason is None and stage_key(1) == "prospect"
    with at(1):
        driver.slash("won 1")
        driver.slash("undo")
    assert stage_key(1) == "prospect"
    with at(2):
        driver.slash("set 1 value 15k")
        driver.slash("undo")
    assert deal(1).value_minor == 1_200_000
    with at(3):
        driver.slash("note 1 wrong deal, sorry")
        driver.slash("undo")
    shown = text_of(driver.slash("show 1").message)
    assert "wrong deal" not in shown and "added a note (deleted)" in shown
    with at(4):
        driver.slash("archive 1")
        driver.slash("undo")
    assert deal(1).archived_at is None


def test_too_late_nothing_and_not_undoable_are_said(slack, driver):
    assert "no change I could undo" in text_of(driver.slash("undo").message)
    with at(0):
        driver.slash("new Acme 12k")
        driver.slash("set 1 value 15k")
    with at(6):
        reply = driver.slash("undo")
    assert "Too late" in text_of(reply.message) and deal(1).value_minor == 1_500_000
    with at(7):
        driver.slash(f"tag 1 {driver.mention('U0BOB')} help")
        assert "cannot be undone" in text_of(driver.slash("undo").message)


def test_undo_never_overwrites_someone_elses_later_change(slack, driver):
    everyone_may_change(driver)
    with at(0):
        driver.slash("new Acme 12k")
        driver.slash("set 1 value 15k")
        driver.slash("set 1 value 20k", user="U0BOB")
        reply = driver.slash("undo")
    assert "<@U0BOB> changed #1 after you" in text_of(reply.message)
    assert deal(1).value_minor == 2_000_000
    with at(1):  # bob's own undo works, and only his
        driver.slash("undo", user="U0BOB")
    assert deal(1).value_minor == 1_500_000
