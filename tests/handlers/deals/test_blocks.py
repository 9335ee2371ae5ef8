"""Lists of deals and a shown deal: titles, Slack's limits, history pages."""

from datetime import UTC, datetime, timedelta

from bot.deals.listing import Page
from handlers.deals.blocks import HISTORY_PAGE, list_blocks, list_title, show_blocks
from handlers.kit.ids import Action
from storage.models import Activity
from tests.handlers.deals.test_card import valid, view


def all_text(bs: list[dict]) -> str:
    return str(bs)


def page(kind="open", views=(), total=0, offset=0, scope="", **kw) -> Page:
    return Page(kind=kind, views=list(views), total=total, offset=offset, scope=scope, **kw)


def test_long_list_stays_within_slack_limits_and_offers_the_next_page():
    views = [view(number=i, name="N" * 150) for i in range(1, 26)]
    bs = valid(list_blocks(page("open", views, total=300, offset=0, scope="mine")))
    assert len(bs) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in bs if b["type"] == "section")
    text = all_text(bs)
    assert "#1 " in text and "#25 " in text and "Showing 1–25 of 300" in text
    assert bs[-1]["elements"][0]["action_id"] == Action.list_page
    assert bs[-1]["elements"][0]["value"] == "25|mine"


def test_empty_list_says_how_to_start():
    bs = valid(list_blocks(page("open", [], total=0, offset=0, scope="")))
    assert "/deal new" in bs[0]["text"]["text"]


def test_each_kind_of_list_has_its_title():
    assert list_title(page("open")) == "Open deals"
    assert list_title(page("mine")) == "My open deals"
    assert list_title(page("all")) == "All deals"
    assert list_title(page("stale")) == "Quiet deals"
    assert list_title(page("stage", stage="Proposal received")) == "Deals at Proposal received"
    assert list_title(page("owner", owner="U0BOB")) == "Open deals of <@U0BOB>"
    one = list_blocks(page("owner", [view()], total=1, owner="U0BOB"))
    assert one[0]["text"]["text"] == "*Open deals of <@U0BOB>* · 1 deal"


def activity(i: int) -> Activity:
    at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=i)
    return Activity(team_id="T", deal_id=12, actor_id="U0ANN", kind="note", note=f"call {i}", at=at)


def test_show_pages_the_history_newest_first_with_a_button_for_older():
    history = [activity(i) for i in range(HISTORY_PAGE + 5)]
    newest = valid(show_blocks(view(), history))
    text = all_text(newest)
    assert f"call {HISTORY_PAGE + 4}" in text and "call 4:" not in text and "call 5" in text
    assert newest[-1]["elements"][0]["value"] == "12:1"
    older = valid(show_blocks(view(), history, page=1))
    assert "*History*, page 2 (older)" in all_text(older) and "call 0" in all_text(older)
    assert older[-1]["type"] != "actions" or older[-1]["elements"][0]["action_id"] != (
        Action.history_page
    )
