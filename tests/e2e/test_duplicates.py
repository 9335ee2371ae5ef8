"""Issue 12, everyday verbs: /deal new warns about an open deal with a similar name."""

import threading

import sqlmodel

from storage import db
from storage.models import Deal
from tests.e2e.helpers import SALES, card, deal, payload_of, send_payload, text_of, told


def deal_count(slack) -> int:
    """Deals stored (slack: after the app settled)."""
    with db.session_scope() as s:
        return len(s.exec(sqlmodel.select(Deal.id)).all())


def test_a_similar_name_warns_and_creates_nothing(slack, driver):
    driver.slash("new Acme 12k")
    reply = driver.slash("new Acme Corp 20k")
    shown = text_of(reply.message)
    assert "similar name: #1 Acme" in shown and "Nothing was created" in shown
    labels = [e["text"]["text"] for e in reply.message.blocks[-1]["elements"]]
    assert labels == ["Open #1", "Create anyway"]
    assert deal_count(slack) == 1


def test_an_unlike_name_or_a_closed_deal_does_not_warn(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("won 1")
    assert "Created #2" in text_of(driver.slash("new Acme 5k").message)
    assert "Created #3" in text_of(driver.slash("new Globex 5k").message)


def test_open_shows_the_similar_deal_to_the_user(slack, driver):
    driver.slash("new Acme 12k")
    reply = driver.slash("new acme corp")
    driver.click("deal_duplicate_open:1", message=reply.message)
    assert "#1 Acme" in told(slack) and "History" in told(slack)


def test_create_anyway_creates_as_typed_once(slack, driver):
    driver.slash("new Acme 12k")
    reply = driver.slash(f"new Acme Corp 20k {driver.mention('U0BOB')}")
    first, second = (driver.click_body("deal_create_anyway", message=reply.message)
                     for _ in range(2))  # a double click: both sent before either answers
    driver.post(first)
    made = deal(2)
    assert (made.name, made.value_minor, made.owner_id) == ("Acme Corp", 2_000_000, "U0BOB")
    assert made.channel_id == SALES and "Acme Corp" in text_of(card(slack, 2))
    assert "Created #2 Acme Corp" in text_of(reply.message)  # the warning is replaced
    driver.post(second)
    assert "already created #2 Acme Corp" in told(slack)
    assert deal_count(slack) == 2


def test_two_clicks_at_once_make_one_deal(slack, driver):
    driver.slash("new Acme 12k")
    reply = driver.slash("new Acme Corp 20k")
    bodies = [driver.click_body("deal_create_anyway", message=reply.message) for _ in range(2)]
    barrier = threading.Barrier(2)

    def click(body: str) -> None:
        barrier.wait()
        driver.post(body)

    threads = [threading.Thread(target=click, args=(b,)) for b in bodies]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert deal_count(slack) == 2


def test_a_forged_create_anyway_is_refused(slack, driver):
    driver.slash("new Acme 12k")
    reply = driver.slash("new Acme Corp")
    forged = payload_of(driver.click_body("deal_create_anyway", message=reply.message))
    forged["actions"][0]["value"] = '{"seen": -1, "name": "Acme Corp"}'
    send_payload(driver, forged)
    assert "button is broken" in told(slack)
    assert deal_count(slack) == 1


def test_names_with_other_numbers_are_other_deals(slack, driver):
    driver.slash('new "Project 42" 5k')
    assert "Created #2" in text_of(driver.slash('new "Project 43" 5k').message)
    assert "similar name: #1 Project 42" in text_of(driver.slash('new "project  42"').message)


def test_the_form_warns_keeps_what_was_typed_and_creates_once_ticked(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new")
    [form] = slack.standin.open_views("U0ANN")
    typed = {"lead_name": "Acme Corp", "lead_value": "€4 500", "lead_source": "event",
             "lead_owner": "U0BOB", "lead_next": "send the proposal"}
    reply = driver.submit(form["id"], typed)
    assert not reply.errors and deal_count(slack) == 1
    [warned] = slack.standin.open_views("U0ANN")
    assert "Open with a similar name: #1 Acme" in str(warned["blocks"][0])
    driver.submit(warned["id"], {})  # submitted again without ticking the box: still warned
    assert deal_count(slack) == 1
    [warned] = slack.standin.open_views("U0ANN")
    driver.submit(warned["id"], {"lead_anyway": ["yes"]})  # the rest as typed the first time
    made = deal(2)
    assert (made.name, made.value_minor, made.currency, made.source, made.owner_id,
            made.next_step) == ("Acme Corp", 450_000, "EUR", "event", "U0BOB",
                                "send the proposal")
    assert slack.standin.open_views("U0ANN") == []
