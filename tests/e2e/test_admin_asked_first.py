"""Slack is asked whether someone is an admin with no transaction open, from a command and
from a card's button: while Slack takes its time, every other change can be written (on
SQLite the database has one writer; on PostgreSQL the deal's row would stay locked)."""

from bot.local.standin import shortcuts as sc
from handlers.kit.ids import Shortcut
from tests.e2e.helpers import (
    SALES,
    SQL_ANSWERS,
    card,
    deal,
    stage_key,
    text_of,
    writes_held,
)

ANN, BOB = "U0ANN", "U0BOB"  # ann: a Slack workspace admin, named nowhere in dealbot


def watch_admin_lookups(slack, url: str) -> list[tuple[str, bool]]:
    """Who Slack is asked about (users.info; not for a locale), each with whether writes
    were held then."""
    seen: list[tuple[str, bool]] = []

    def see(args: dict) -> None:
        if "include_locale" not in args:
            seen.append((args["user"], writes_held(url)))

    slack.standin.faults.watch("users.info", see)
    return seen


def test_a_command_asks_slack_before_its_transaction(slack, driver, database_url):
    driver.slash("new Acme 12k", user=BOB)
    seen = watch_admin_lookups(slack, database_url)
    answer = text_of(driver.slash("set 1 value 14k", user=ANN).message)
    assert "Updated #1" in answer, answer  # ann may: Slack calls her an admin
    assert deal(1).value_minor == 1_400_000
    assert seen == [(ANN, False)]  # asked once, with nothing held


def test_a_button_asks_slack_before_its_transaction(slack, driver, database_url):
    driver.slash("new Acme 12k", user=BOB)
    slack.settle()
    seen = watch_admin_lookups(slack, database_url)
    driver.click("deal_won", message=card(slack, 1), user=ANN)
    slack.settle()
    assert stage_key(1) == "won"
    assert seen == [(ANN, False)]


def test_a_seller_slack_does_not_call_an_admin_is_still_refused(slack, driver, database_url):
    driver.slash("new Acme 12k", user=BOB)
    seen = watch_admin_lookups(slack, database_url)
    answer = text_of(driver.slash("set 1 value 14k", user="U0CAT").message)
    assert answer.startswith("Only the deal's owner (<@U0BOB>)"), answer
    assert deal(1).value_minor == 1_200_000
    assert seen == [("U0CAT", False)]


def test_a_form_and_the_button_that_opens_it_ask_slack_before_their_transactions(
    slack, driver, database_url
):
    driver.slash("new Acme 12k", user=BOB)
    slack.settle()
    seen = watch_admin_lookups(slack, database_url)
    driver.click("deal_lost", message=card(slack, 1), user=ANN)
    [form] = slack.standin.open_views(ANN)
    driver.submit(form["id"], {"lost_reason": "timing"}, user=ANN)
    slack.settle()
    assert stage_key(1) == "lost" and deal(1).lost_reason == "Bad timing"
    assert seen == [(ANN, False), (ANN, False)]  # one per request, nothing held either time


def test_the_new_lead_form_asks_slack_about_its_owner_before_its_transaction(
    slack, driver, database_url
):
    driver.slash("new", user=BOB)
    [form] = slack.standin.open_views(BOB)
    seen = watch_admin_lookups(slack, database_url)  # users.info: is the owner a person?
    reply = driver.submit(form["id"], {"lead_name": "Initech", "lead_owner": "U0CAT"}, user=BOB)
    assert not reply.errors
    assert deal(1).owner_id == "U0CAT"
    assert seen == [("U0CAT", False)]
    seen.clear()
    driver.slash("new", user=BOB)
    [form] = slack.standin.open_views(BOB)
    reply = driver.submit(form["id"], {"lead_name": "Hooli", "lead_owner": "U0NOBODY"}, user=BOB)
    assert reply.errors and "lead_owner" in reply.errors  # no such person: nothing created
    assert seen and set(seen) == {("U0NOBODY", False)}  # checked, then named in the error


def test_a_deal_named_by_its_name_asks_slack_before_the_transaction(slack, driver, database_url):
    driver.slash("new Acme Corp 12k", user=BOB)
    seen = watch_admin_lookups(slack, database_url)
    answer = text_of(driver.slash("set Acme Corp value 14k", user=ANN).message)
    assert "Updated #1" in answer, answer
    assert seen == [(ANN, False)]


def test_qualifying_someone_else_s_deal_asks_slack_before_the_transaction(
    slack, driver, database_url
):
    driver.slash("new Acme 12k", user=BOB)
    slack.settle()
    seen = watch_admin_lookups(slack, database_url)
    driver.click("deal_qualify", message=card(slack, 1), user=ANN)  # the card's Qualify
    form = slack.standin.open_views(ANN)[-1]
    assert not driver.submit(form["id"], SQL_ANSWERS, user=ANN).errors
    assert deal(1).qualified
    assert seen and set(seen) == {(ANN, False)}  # the button's request and the form's


def test_the_stage_editor_asks_slack_before_its_transactions(slack, driver, database_url):
    driver.slash("stages", user=BOB)  # the workspace exists
    seen = watch_admin_lookups(slack, database_url)
    shown = driver.slash("stages", user=ANN).message
    driver.click("pipeline_edit_stages", message=shown, user=ANN)
    view = slack.standin.open_views(ANN)[-1]
    assert view["callback_id"] == "pipeline_stage_editor"
    reply = driver.submit(view["id"], {}, user=ANN)
    assert not reply.errors
    assert seen and set(seen) == {(ANN, False)}


def test_the_shortcut_s_tag_button_asks_slack_before_its_transaction(
    slack, driver, database_url
):
    driver.slash("new Acme Corp 12k", user=BOB)
    said = sc.say(slack.standin, SALES, "U0CAT", "Acme called: <@U0CAT> runs the demo")
    sc.message_shortcut(driver, Shortcut.add_to_deal, said, user=ANN)
    form = slack.standin.open_views(ANN)[-1]
    option = sc.pick(driver, form["id"], Shortcut.deal_input, "acme", "1")
    assert not driver.submit(form["id"], {Shortcut.deal_block: option}, user=ANN).errors
    seen = watch_admin_lookups(slack, database_url)
    driver.click(Shortcut.tag_mentioned, view=slack.standin.open_views(ANN)[-1]["id"], user=ANN)
    assert "Tagged <@U0CAT> on #1 Acme Corp" in str(slack.standin.open_views(ANN)[-1]["blocks"])
    assert seen == [("U0CAT", False), (ANN, False)]  # cat is a person; ann is an admin
