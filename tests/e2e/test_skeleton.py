"""/deal help, new, list, show and move, end to end: signed HTTP in, Slack Web API out."""

import copy
import time

import sqlmodel

from storage import db
from storage.models import Activity, Deal
from tests.e2e.helpers import SALES, everyone_may_change, move_anyway, text_of


def deals_in_db() -> list[Deal]:
    with db.session_scope() as s:
        return list(s.exec(sqlmodel.select(Deal).order_by(Deal.number)))


def test_help(driver):
    for text in ("", "help"):
        reply = driver.slash(text)
        assert reply.status == 200
        assert "/deal new Acme Corp 12k" in text_of(reply.message)
        assert reply.message.ephemeral_to == "U0ANN"


def test_unknown_subcommand_gets_a_hint_and_the_help(driver):
    reply = driver.slash("frobnicate 12")
    assert "I don't know `/deal frobnicate`" in text_of(reply.message)
    assert "/deal move 12 proposal" in text_of(reply.message)


def test_new_deal_posts_a_card_in_the_channel_and_is_stored(slack, driver):
    reply = driver.slash("new Acme Corp 12k")
    assert "Created #1 Acme Corp in Prospect identified" in text_of(reply.message)
    card = slack.standin.last_message(SALES)
    assert card is not None and card.ephemeral_to is None
    assert card.blocks[0]["text"]["text"] == "#1 Acme Corp"
    assert "$12,000" in text_of(card) and "Advance to Lead qualified" in text_of(card)
    [deal] = deals_in_db()
    assert (deal.name, deal.value_minor, deal.currency, deal.owner_id) == (
        "Acme Corp", 1_200_000, "USD", "U0ANN")
    assert (deal.channel_id, deal.card_ts) == (SALES, card.ts)


def test_new_deal_with_owner_mention(slack, driver):
    driver.slash(f"new Acme Corp 12k {driver.mention('U0BOB')}")
    assert deals_in_db()[0].owner_id == "U0BOB"


def test_list_then_show_then_move(slack, driver):
    driver.slash("new Acme Corp 12k")
    driver.slash("new Beta Labs €4 500")
    listing = text_of(driver.slash("list").message)
    assert "#1 Acme Corp" in listing and "#2 Beta Labs" in listing and "€4.5k" in listing
    offer = driver.slash("move 2 qualified").message  # not qualified: asked first
    assert "#2 Beta Labs is not qualified yet" in text_of(offer)
    driver.click("bant_move_anyway", message=offer)
    card = [m for m in slack.standin.messages(SALES) if "#2 Beta Labs" in text_of(m)][-1]
    assert "Lead qualified (2/7)" in text_of(card)
    shown = text_of(driver.slash("show beta").message)
    assert "moved it from Prospect identified to Lead qualified" in shown
    assert "created the deal in Prospect identified" in shown


def test_show_unknown_deal_names_the_closest(driver):
    driver.slash("new Acme Corp 12k")
    assert "There is no deal #99999" in text_of(driver.slash("show 99999").message)
    assert "Did you mean #1 Acme Corp" in text_of(driver.slash("show acme crop").message)


def test_move_to_unknown_stage_lists_stages_and_changes_nothing(driver):
    driver.slash("new Acme Corp 12k")
    reply = driver.slash("move 1 banana")
    assert "There is no stage “banana”" in text_of(reply.message)
    assert "`proposal` (Proposal received)" in text_of(reply.message)
    assert deals_in_db()[0].version == 1


def test_advance_button_moves_and_updates_the_card_in_place(slack, driver):
    driver.slash("new Acme Corp 12k")
    card = slack.standin.last_message(SALES)
    driver.click("deal_advance", message=card)
    move_anyway(slack, driver)
    updated = slack.standin.last_message(SALES)
    assert updated.ts == card.ts
    assert "Lead qualified (2/7)" in text_of(updated)


def test_double_click_on_a_stale_card_moves_once(slack, driver):
    everyone_may_change(driver)
    driver.slash("new Acme Corp 12k")
    stale_card = copy.deepcopy(slack.standin.last_message(SALES))  # as ann's screen shows it
    driver.click("deal_advance", message=stale_card, user="U0BOB")
    move_anyway(slack, driver, user="U0BOB")
    reply = driver.click("deal_advance", message=stale_card, user="U0ANN")
    assert reply.status == 200
    told = text_of(slack.standin.ephemerals("U0ANN")[-1])
    assert "already moved to Lead qualified by <@U0BOB>" in told
    with db.session_scope() as s:
        moves = s.exec(sqlmodel.select(Activity).where(Activity.kind == "moved")).all()
    assert len(moves) == 1


def test_hostile_name_is_shown_literally(slack, driver):
    driver.slash("new &lt;!channel&gt; &amp; *Acme* <@U0BOB|bob> 5k")
    [deal] = deals_in_db()
    assert deal.name == "<!channel> & *Acme*"
    assert deal.owner_id == "U0BOB"
    listing = driver.slash("list").message
    assert "<!channel>" not in text_of(listing)
    assert "&lt;!channel&gt; &amp;" in text_of(listing)


def test_5000_character_name_is_refused_and_nothing_is_stored(driver):
    reply = driver.slash("new " + "x" * 5000)
    assert "at most 150" in text_of(reply.message)
    assert deals_in_db() == []


def test_unsigned_badly_signed_and_stale_requests_get_401_and_change_nothing(slack, driver):
    body = "command=%2Fdeal&text=new+Acme&team_id=T0DEMO&user_id=U0ANN&channel_id=C0SALES"
    good = driver.sign(body)
    for junk in ("", "yesterday"):
        unsigned = {"X-Slack-Signature": "", "X-Slack-Request-Timestamp": junk}
        assert driver.post(body, headers=unsigned).status == 401
    assert driver.post(body, headers={**good, "X-Slack-Signature": "v0=" + "0" * 64}
                       ).status == 401
    old = driver.sign(body, timestamp=int(time.time()) - 6 * 60)
    assert driver.post(body, headers=old).status == 401
    assert deals_in_db() == []


def test_healthz_answers_when_the_database_does(slack):
    import json
    import urllib.request

    with urllib.request.urlopen(slack.url + "/healthz") as resp:
        assert resp.status == 200
        assert json.load(resp) == {"ok": True, "database": "up", "slack": "up"}


def test_new_without_text_opens_the_form_and_submitting_creates_the_lead(slack, driver):
    reply = driver.slash("new")
    assert reply.status == 200 and reply.body == ""
    [form] = slack.standin.open_views("U0ANN")
    assert form["title"]["text"] == "New lead"
    bad = driver.submit(form["id"], {"lead_name": "Big Co", "lead_value": "abc"})
    assert "`abc` is not an amount" in bad.errors["lead_value"]
    assert deals_in_db() == [] and slack.standin.open_views("U0ANN")
    ok = driver.submit(form["id"], {"lead_name": "Big Co", "lead_company": "Big Company",
                                    "lead_value": "$12,000"})
    assert not ok.errors and slack.standin.open_views("U0ANN") == []
    [deal] = deals_in_db()
    assert (deal.name, deal.value_minor) == ("Big Co", 1_200_000)
    assert slack.standin.last_message(SALES).blocks[0]["text"]["text"] == "#1 Big Co"
    assert "Created #1 Big Co" in text_of(slack.standin.ephemerals("U0ANN")[-1])


def test_card_in_a_channel_the_bot_can_join(slack, driver):
    driver.slash("new Acme 5k", channel="C0RANDOM")
    assert slack.standin.last_message("C0RANDOM").blocks[0]["text"]["text"] == "#1 Acme"


def test_card_in_a_private_channel_that_removed_the_bot_keeps_the_deal_and_says_why(
    slack, driver
):
    slack.standin.invite("G0PRIV")
    driver.slash("new Beta 1k", channel="G0PRIV")
    slack.standin.kick("G0PRIV")  # dealbot has posted here, so it does not ask again
    driver.slash("new Acme 5k", channel="G0PRIV")
    assert len(deals_in_db()) == 2
    told = " ".join(text_of(m) for m in slack.standin.ephemerals("U0ANN"))
    assert "#2 Acme is saved, but its card is not posted" in told and "/invite @dealbot" in told
