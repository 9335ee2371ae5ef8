"""The Home tab end to end: app_home_opened, Show, Back and Advance over signed HTTP."""

import copy
from datetime import timedelta

from sqlalchemy import update

from bot.common.money import parse_amount
from bot.deals import service as deals
from storage import db
from storage.models import Activity, Collaborator
from storage.types import utcnow
from tests.e2e.helpers import deal, everyone_may_change, move_unqualified, qualify, stage_key

ANN, BOB = "U0ANN", "U0BOB"


def texts(view: dict | None) -> str:
    """Every text of the view, one per line."""
    assert view is not None, "no Home tab was published"
    out = []
    for b in view["blocks"]:
        out.append((b.get("text") or {}).get("text", ""))
        out += [(e.get("text") or "") if b["type"] == "context" else "" for e in
                b.get("elements", [])]
        out += [e["text"]["text"] for e in b.get("elements", []) if e.get("type") == "button"]
    return "\n".join(t for t in out if t)


def tag(number: int, user: str) -> None:
    deal_id = deal(number).id
    with db.session_scope() as s:
        s.add(Collaborator(team_id="T0DEMO", deal_id=deal_id, user_id=user, added_by=BOB))


def test_my_deals_grouped_by_stage_with_totals_and_only_mine(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Beta €4 500")
    driver.slash("new Gamma 12k")
    qualify(slack, driver, 3)
    driver.slash("move 3 proposal")
    driver.slash("new Bobs own 99k", user=BOB)
    driver.slash("new Shared with Ann 3k", user=BOB)
    tag(5, ANN)
    with db.session_scope() as s:  # another workspace, the same user id
        deals.create(session=s, team_id="T0OTHER", actor=ANN, name="Elsewhere",
                     amount=parse_amount("7k"))
    driver.app_home_opened(ANN)
    home = texts(slack.standin.home(ANN))
    assert "*4 open deals* · $27,000 + €4,500 · weighted forecast $6,750 + €225" in home
    assert "*Prospect identified* · 3 deals · $15,000 + €4,500" in home
    assert "*Proposal received* · 1 deal · $12,000" in home
    assert "*#1 Acme* · $12k · 0d in stage" in home
    assert "*#5 Shared with Ann* · $3k · owner <@U0BOB> · 0d in stage" in home
    assert home.index("#1 Acme") < home.index("#2 Beta") < home.index("#5 Shared") < home.index(
        "Proposal received") < home.index("#3 Gamma")
    assert "Bobs own" not in home and "Elsewhere" not in home and "$7" not in home
    assert "Advance to Lead qualified" in home and "Advance to Terms negotiated" in home

    driver.app_home_opened(BOB)
    bobs = texts(slack.standin.home(BOB))
    assert "*2 open deals* · $102,000" in bobs and "Acme" not in bobs


def test_empty_home_gives_the_hint_and_messages_tab_publishes_nothing(slack, driver):
    driver.event({"type": "app_home_opened", "user": ANN, "channel": slack.standin.open_dm([ANN]),
                  "tab": "messages"})
    assert slack.standin.home(ANN) is None
    driver.app_home_opened(ANN)
    assert "You have no open deals. Create one with `/deal new Acme Corp 12k`." in texts(
        slack.standin.home(ANN))


def test_quiet_deal_is_flagged_and_recent_close_listed(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Beta 5k")
    driver.slash("move 2 won")
    acme_id = deal(1).id
    with db.session_scope() as s:
        s.execute(update(Activity).where(Activity.deal_id == acme_id)
                  .values(at=utcnow() - timedelta(days=23, hours=1)))
    driver.app_home_opened(ANN)
    home = texts(slack.standin.home(ANN))
    assert "*#1 Acme* · $12k · 0d in stage · ⚠ quiet for 23 days" in home
    assert "*Closed in the last 30 days*\n✅ *#2 Beta* · $5k · Won today" in home


def test_show_expands_the_card_and_history_then_back(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash("new Beta 5k")
    qualify(slack, driver, 2)
    driver.slash("move 2 proposal")
    driver.app_home_opened(ANN)
    driver.click("deal_show", view=slack.standin.home(ANN), value="2")
    home = slack.standin.home(ANN)
    shown = texts(home)
    assert home["blocks"][1]["elements"][0]["text"]["text"] == "Back to my deals"
    assert home["blocks"][2]["text"]["text"] == "#2 Beta"
    assert "moved it from Lead qualified to Proposal received" in shown
    assert "*2 open deals*" in shown  # my deals stay below the expanded one
    driver.click("home_refresh", view=home)
    back = texts(slack.standin.home(ANN))
    assert "Back to my deals" not in back and "moved it from" not in back
    assert "*#2 Beta* · $5k" in back


def test_show_of_a_deal_that_is_not_there_says_so_on_the_home_tab(slack, driver):
    driver.slash("new Acme 12k")
    driver.app_home_opened(ANN)
    forged = copy.deepcopy(slack.standin.home(ANN))
    for b in forged["blocks"]:
        for e in b.get("elements", []):
            if e.get("action_id") == "deal_show":
                e["value"] = "99"
    driver.click("deal_show", view=forged, value="99")
    home = slack.standin.home(ANN)
    assert home["blocks"][1]["text"]["text"].startswith("There is no deal #99.")
    assert "*#1 Acme*" in texts(home)


def test_more_than_a_home_tab_holds_stays_within_100_blocks(slack, driver):
    with db.session_scope() as s:
        for i in range(105):
            deals.create(session=s, team_id="T0DEMO", actor=ANN, name=f"Deal {i}",
                         amount=parse_amount("1k"))
    driver.app_home_opened(ANN)
    home = slack.standin.home(ANN)
    assert len(home["blocks"]) <= 100  # and the stand-in checked it as Slack would
    shown = texts(home).count("Show")
    assert shown > 30
    assert f"and {105 - shown} more: `/deal list mine`" in texts(home)
    assert "*105 open deals* · $105,000" in texts(home)


def test_advance_from_home_moves_the_deal(slack, driver):
    driver.slash("new Acme 12k")
    qualify(slack, driver, 1)  # an SQL moves to Lead qualified; the gate is behind it
    driver.app_home_opened(ANN)
    reply = driver.click("deal_advance", view=slack.standin.home(ANN))
    assert reply.status == 200
    assert stage_key(1) == "contacted"
    card = slack.standin.last_message("C0SALES")
    assert "First meeting held (3/7)" in str(card.blocks)


def test_advance_from_home_refreshes_the_home_tab(slack, driver):
    driver.slash("new Acme 12k")
    qualify(slack, driver, 1)
    driver.app_home_opened(ANN)
    driver.click("deal_advance", view=slack.standin.home(ANN))
    home = texts(slack.standin.home(ANN))
    assert "*First meeting held* · 1 deal · $12,000" in home
    assert "Advance to Needs confirmed" in home


def test_a_stale_click_from_home_is_told_on_home(slack, driver):
    everyone_may_change(driver)
    driver.slash("new Acme 12k")
    driver.app_home_opened("U0ANN")
    old_home = copy.deepcopy(slack.standin.home("U0ANN"))
    move_unqualified(slack, driver, "move 1 qualified", user="U0BOB")
    driver.click("deal_advance", view=old_home, user="U0ANN")
    home = str(slack.standin.home("U0ANN")["blocks"])
    assert "already moved to Lead qualified by <@U0BOB>" in home


def test_only_homes_that_were_opened_are_republished_after_changes(slack, driver):
    driver.slash("new Acme 12k")
    driver.slash(f"tag 1 {driver.mention('U0BOB')}")
    publishes = [c for c in slack.standin.calls if c.method == "views.publish"]
    assert publishes == []  # nobody has opened dealbot's Home yet
    driver.app_home_opened("U0BOB")
    driver.slash("set 1 value 15k")
    users = [c.args["user_id"] for c in slack.standin.calls if c.method == "views.publish"]
    assert users == ["U0BOB", "U0BOB"]  # on opening, then after ann's change; not ann's
    assert "$15k" in str(slack.standin.home("U0BOB")["blocks"])


def test_older_history_pages_open_on_home(slack, driver):
    driver.slash("new Acme 12k")
    for i in range(35):
        driver.slash(f"note 1 call {i}")
    driver.app_home_opened(ANN)
    driver.click("deal_show", view=slack.standin.home(ANN), value="1")
    driver.click("deal_history_page", view=slack.standin.home(ANN))
    home = texts(slack.standin.home(ANN))
    assert "page 2 (older)" in home and "created the deal" in home
