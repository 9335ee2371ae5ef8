"""Requests first: the outbox sends in the gaps between the requests Slack waits on."""

from bot.app import deliverer
from tests.e2e.helpers import SALES, told


def test_a_card_waits_while_a_request_is_answered_then_goes_out(slack, driver, monkeypatch):
    slack.app.answering.max_wait = 30  # no forced send inside this test
    monkeypatch.setattr(driver, "settle", lambda: None)  # Slack does not wait for the card
    with slack.app.answering.request():  # another request, still being answered
        driver.slash("new Acme Corp 12k")
        assert "#1" in told(slack)  # the seller's ack did not wait for anything
        assert not deliverer(slack.app).wait_idle(0.3)  # the card waits for the gap
        assert not [m for m in slack.standin.messages(SALES) if "Acme Corp" in m.text]
    slack.settle()
    assert [m for m in slack.standin.messages(SALES) if "Acme Corp" in m.text]


def test_a_busy_stream_of_requests_never_starves_delivery(slack, driver, monkeypatch):
    slack.app.answering.max_wait = 0.05
    monkeypatch.setattr(driver, "settle", lambda: None)
    with slack.app.answering.request():  # requests without a gap, for as long as it takes
        driver.slash("new Beta Oy 5k")
        assert deliverer(slack.app).wait_idle(5)
        assert [m for m in slack.standin.messages(SALES) if "Beta Oy" in m.text]
