"""/deal stages and /deal stages use <template>, end to end: signed HTTP in, Slack Web API out."""

import logging

import sqlmodel

from storage import db
from storage.models import Workspace
from tests.e2e.helpers import SALES, qualify, text_of


def card(slack, title: str):
    """The deal's card in #sales as everyone sees it now (updated in place)."""
    [found] = [m for m in slack.standin.messages(SALES)
               if m.blocks and m.blocks[0].get("text", {}).get("text") == title]
    return found


def template_in_db() -> str:
    with db.session_scope() as s:
        return s.exec(sqlmodel.select(Workspace.pipeline_template)).one()


def test_stages_shows_the_pipeline_with_counts_closing_stages_and_templates(driver):
    driver.slash("new Acme Corp 12k")
    driver.slash("new Beta Labs 5k")
    reply = driver.slash("stages")
    assert reply.status == 200 and reply.message.ephemeral_to == "U0ANN"
    shown = text_of(reply.message)
    assert "uses the *generic* template" in shown
    assert "1. *Prospect identified* · `prospect` · 5% · 2 deals" in shown
    assert "7. *Verbal commitment given* · `committed` · 90% · 0 deals" in shown
    assert "*Closing stages*" in shown and "*Won* · `won` · 100% · 0 deals" in shown
    assert "`/deal stages use inbound` · leads come from marketing" in shown
    assert "`/deal stages use generic` · the generic seven" in shown and "*(in use)*" in shown
    assert "`/deal stages use team` · team selling: adds a research stage" in shown


def test_switch_moves_deals_reports_the_mapping_and_updates_their_cards(slack, driver):
    driver.slash("new Acme Corp 12k")
    driver.slash("new Beta Labs 5k")
    qualify(slack, driver, 2)
    driver.slash("move 2 proposal")
    assert "Prospect identified (1/7)" in text_of(card(slack, "#1 Acme Corp"))
    reply = driver.slash("stages use inbound")
    shown = text_of(reply.message)
    assert "Your pipeline now uses the *inbound* template (it was generic)." in shown
    assert "Prospect identified → Lead qualified: 1 deal" in shown
    assert "1 deal kept its stage." in shown
    assert "1. *Lead qualified* · `qualified` · 10% · 1 deal" in shown  # the new pipeline
    moved = text_of(card(slack, "#1 Acme Corp"))
    assert "Lead qualified (1/6)" in moved and "Prospect identified (1/7)" not in moved
    assert template_in_db() == "inbound"
    acme = card(slack, "#1 Acme Corp")
    thread = [m.text for m in slack.standin.thread(SALES, acme.ts) if m.ts != acme.ts]
    assert thread[-1] == ("<@U0ANN> moved it from Prospect identified to Lead qualified: "
                          "pipeline switched to inbound")
    history = text_of(driver.slash("show 1").message)
    assert ("moved it from Prospect identified to Lead qualified: "
            "pipeline switched to inbound") in history


def test_switch_with_several_deals_counts_them_per_stage(slack, driver):
    for name in ("Acme", "Beta", "Gamma"):
        driver.slash(f"new {name} 1k")
    qualify(slack, driver, 3)
    driver.slash("move 3 committed")
    shown = text_of(driver.slash("stages use account-based").message)
    assert "Prospect identified → Target account identified: 2 deals" in shown
    assert "Verbal commitment given → Terms negotiated: 1 deal" in shown
    assert "0 deals kept their stage." in shown
    assert "Terms negotiated (7/7)" in text_of(card(slack, "#3 Gamma"))


def test_same_template_unknown_template_and_wrong_words_change_nothing(driver):
    driver.slash("new Acme Corp 12k")
    same = text_of(driver.slash("stages use Generic").message)
    assert "already uses the *generic* template. Nothing was changed." in same
    unknown = text_of(driver.slash("stages use banana").message)
    assert "There is no template “banana”" in unknown and "`account-based`" in unknown
    hostile = text_of(driver.slash("stages use &lt;!channel&gt;").message)
    assert "&lt;!channel&gt;" in hostile and "<!channel>" not in hostile
    for words in ("stages use", "stages inbound", "stages use inbound now"):
        told = text_of(driver.slash(words).message)
        assert "`/deal stages use inbound`" in told and "`relationship`" in told, words
    assert template_in_db() == "generic"


def test_a_card_that_cannot_be_refreshed_does_not_stop_the_others(slack, driver, caplog):
    driver.slash("new Acme Corp 12k")
    driver.slash("new Beta Labs 5k")
    acme = card(slack, "#1 Acme Corp").ts  # the outbox updates cards in parallel: aim at one
    slack.standin.faults.fail("chat.update", "internal_error", match=lambda a: a.get("ts") == acme)
    with caplog.at_level(logging.WARNING, logger="dealbot.outbox"):
        reply = driver.slash("stages use inbound")
    assert "Prospect identified → Lead qualified: 2 deals" in text_of(reply.message)
    assert "Prospect identified (1/7)" in text_of(card(slack, "#1 Acme Corp"))
    assert "Lead qualified (1/6)" in text_of(card(slack, "#2 Beta Labs"))
    assert "(card_update) refused by Slack: internal_error" in caplog.text


def test_stages_shows_the_qualification_rule_and_strictness(slack, driver):
    shown = text_of(driver.slash("stages").message)
    assert "*Qualification:*" in shown and "at least 3" in shown and "asks first" in shown
    driver.slash("qualify-rule strict on")
    assert "cannot move past the qualification stage" in text_of(driver.slash("stages").message)
