"""Issue 12 rough edges 4-6, 9-13 seen from outside: what a seller reads after each."""

from datetime import timedelta

import sqlmodel
import time_machine

from storage import db
from storage.models import Activity, Deal
from tests.e2e.helpers import SQL_ANSWERS, card, deal, everyone_may_change, text_of, told
from tests.e2e.test_digests import THU_0900_HEL, subscribe, tick
from tests.e2e.test_team import reply_event


def test_empty_lists_and_contacts_say_what_is_empty(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Globex 5k")
    shown = text_of(driver.slash("show 2").message)
    assert "`/deal contact 2 Ann Lee" in shown and "/deal contact 12" not in shown
    past = text_of(driver.slash("list page 9").message)
    assert "There is no page 9: this list has 2 deals on 1 page." in past
    assert "No deals here" not in past
    stale = text_of(driver.slash("list stale").message)
    assert "No quiet deals" in stale and "/deal new" not in stale
    won = text_of(driver.slash("list won").message)
    assert "No deals at Won." in won and "/deal new" not in won


def test_the_nudge_and_the_quiet_list_count_the_same_days(slack, driver):
    driver.slash("new Acme 12k")
    subscribe(driver)
    with db.session_scope() as s:  # moved 18 days ago, a note a day later, nothing since
        deal = s.exec(sqlmodel.select(Deal)).one()
        deal.created_at = deal.stage_changed_at = THU_0900_HEL - timedelta(days=18, hours=2)
        for a in s.exec(sqlmodel.select(Activity).where(Activity.deal_id == deal.id)):
            a.at = THU_0900_HEL - timedelta(days=17, hours=2)
            s.add(a)
        s.add(deal)
    tick(slack, THU_0900_HEL)
    [nudge] = [m for m in slack.standin.feed() if m.channel == "D0ANN" and m.kind == "message"]
    assert "quiet for 17 days" in text_of(nudge)
    with time_machine.travel(THU_0900_HEL + timedelta(minutes=5), tick=False):
        listed = text_of(driver.slash("list stale").message)
    assert "#1 Acme" in listed and "quiet for 17 days" in listed and "18d" not in listed


def test_no_budget_and_no_access_get_one_verdict_whatever_the_rule(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("qualify-rule 2")
    driver.slash("qualify 1")
    form = slack.standin.open_views("U0ANN")[-1]
    answers = {**SQL_ANSWERS, "bant_budget": "none", "bant_authority": "no_access"}
    assert not driver.submit(form["id"], answers).errors
    said = text_of(slack.standin.ephemerals("U0ANN")[-1])
    assert "✅" not in said and "is qualified" not in said
    assert "is not qualified yet: *MQL · hot* (2 of 4 are met, but not while there is no " \
           "budget and no access yet)" in said
    assert "this lead is a candidate for disqualification" in said
    assert deal(1).qualified is False


def test_a_form_error_names_who_won_the_deal_in_plain_text(slack, driver):
    everyone_may_change(driver)
    driver.slash("new Acme & Sons 12k")
    driver.click("deal_lost", message=card(slack, 1))
    [form] = slack.standin.open_views("U0ANN")
    driver.slash("won 1", user="U0BOB")  # meanwhile bob wins it
    error = driver.submit(form["id"], {"lost_reason": "timing"}).errors["lost_reason"]
    assert error == "#1 Acme & Sons was already moved to Won by @bob. Nothing was changed."


def test_a_thread_reply_shows_its_mention_and_link_but_never_broadcasts(slack, driver):
    driver.slash("new Acme 12k")
    said = "Ask <@U0BOB> about <https://x.io/a?b=1&amp;c=2|the doc> &lt;b&gt; <!channel>"
    driver.event(reply_event(slack, 1, said), event_id="EvLINK1")
    slack.settle()
    want = ("replied in the thread: Ask <@U0BOB> about <https://x.io/a?b=1&amp;c=2|the doc> "
            "&lt;b&gt; &lt;!channel&gt;")
    assert want in text_of(driver.slash("show 1").message)
    assert want in text_of(card(slack, 1))


def test_a_private_channel_without_dealbot_gets_no_digest_and_no_false_saved(slack, driver):
    private = "G0PRIV"  # the stand-in's private channel dealbot is not in
    driver.slash("new Acme 12k")
    driver.slash("digest now", channel=private)
    said = text_of(driver.slash("digest daily 09:00", channel=private).message)
    assert "I'm not in this private channel" in said and "no digest was set up" in said
    assert "no digest was posted" in told(slack)
    assert "Your change was saved" not in told(slack) + said
    assert "No digest in this channel yet" in text_of(driver.slash("digest", channel=private)
                                                      .message)
