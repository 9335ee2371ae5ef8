"""The answer first: Slack's answer never waits for a Slack call. What follows it runs on
the outbox's bounded pool, and while that pool is full the rows wait in the database."""

import threading

from bot.app import deliverer
from tests.e2e.helpers import SALES, told
from tests.e2e.test_outbox import posted_with, rows


def test_the_answer_does_not_wait_for_the_card_being_sent(slack, driver, monkeypatch):
    monkeypatch.setattr(driver, "settle", lambda: None)  # Slack does not wait for the card
    release, d = threading.Event(), deliverer(slack.app)
    real = d.senders["card_post"]
    monkeypatch.setitem(d.senders, "card_post", lambda c, row: release.wait(10) and real(c, row))
    driver.slash("new Acme Corp 12k")
    assert "Created #1 Acme Corp" in told(slack)  # answered while the card is on its way
    assert posted_with(slack, SALES, "#1 Acme Corp") == []
    release.set()
    slack.settle()
    assert len(posted_with(slack, SALES, "#1 Acme Corp")) == 1


def test_with_every_sender_busy_rows_wait_in_the_database_then_go_out_once(
    slack, driver, monkeypatch
):
    monkeypatch.setattr(driver, "settle", lambda: None)
    sends, release = deliverer(slack.app).sends, threading.Event()
    busy = [sends.try_submit(release.wait, 10) for _ in range(sends.size)]
    assert all(busy) and sends.try_submit(print) is None  # nothing queues behind them
    driver.slash("new Acme Corp 12k")
    assert "Created #1 Acme Corp" in told(slack)
    assert [r.status for r in rows("card_post")] == ["pending"]  # not taken, not in memory
    driver.slash("new")  # a form still opens at once: it does not wait behind the posts
    assert slack.standin.wait_for(lambda: slack.standin.open_views("U0ANN"), 5)
    release.set()
    slack.settle()
    assert len(posted_with(slack, SALES, "#1 Acme Corp")) == 1
    assert {r.status for r in rows()} == {"done"}


def test_a_form_opens_after_the_answer(slack, driver):
    driver.slash("new")  # no words: the form, opened with the command's trigger_id
    [view] = slack.standin.open_views("U0ANN")
    assert view["callback_id"]


def test_a_click_that_fails_after_its_answer_keeps_the_answer(slack, driver, caplog):
    driver.slash("new Acme 12k")
    driver.app_home_opened("U0ANN")
    slack.standin.fail_next("views.publish", "fatal_error")  # Show's publish, after its ack
    reply = driver.click("deal_show", view=slack.standin.home("U0ANN"), value="1")
    assert reply.status == 200  # Slack got the answer; the failure is only logged
    assert "unexpected error, ref" in caplog.text
