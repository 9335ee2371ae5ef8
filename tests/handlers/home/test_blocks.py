"""The Home tab builder: what it shows, Slack's limits, and that Slack's models accept it."""

from datetime import UTC, datetime, timedelta

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.common.money import Money
from bot.deals.service import DealView
from bot.home.service import MyDeals, StageGroup
from bot.pipeline.templates import GENERIC
from handlers.deals.blocks import show_blocks
from handlers.deals.card import card_actions
from handlers.home.blocks import home_view
from handlers.kit.ids import Action
from handlers.kit.layout import VIEW_BLOCKS
from handlers.kit.metadata import MoveValue
from storage.models import Activity, Deal, Stage

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
ME = "U0ANN"
STAGES = [
    Stage(id=i + 1, team_id="T", key=s.key, name=s.name, position=i, probability=s.probability,
          kind=s.kind)
    for i, s in enumerate(GENERIC)
]
PROSPECT, PROPOSAL, COMMITTED, WON, LOST = (STAGES[i] for i in (0, 4, 6, 7, 8))


def dv(number, stage, name="Acme Corp", value=1_200_000, currency="USD", owner=ME, days=3):
    deal = Deal(id=number * 10, team_id="T", number=number, name=name, value_minor=value,
                currency=currency, stage_id=stage.id, owner_id=owner, created_by=owner,
                stage_changed_at=NOW - timedelta(days=days))
    return DealView(deal=deal, stage=stage, stages=STAGES)


def group(stage, views, totals=(), count=None):
    return StageGroup(stage=stage, deals=views, count=len(views) if count is None else count,
                      totals=list(totals))


def my(groups=(), **kw):
    return MyDeals(user_id=ME, now=NOW, groups=list(groups), **kw)


def valid(view: dict) -> dict:
    """The view through slack_sdk's models, unchanged, within Slack's limits."""
    assert view["type"] == "home"
    assert View(**view).to_dict()["blocks"] == view["blocks"]
    assert len(view["blocks"]) <= VIEW_BLOCKS
    for b in view["blocks"]:
        assert Block.parse(b).to_dict() == b
        assert len((b.get("text") or {}).get("text", "")) <= 3000
    ids = [b["block_id"] for b in view["blocks"] if "block_id" in b]
    assert len(ids) == len(set(ids)), "block ids must be unique in a view"
    return view


def texts(view: dict) -> list[str]:
    out = []
    for b in view["blocks"]:
        if "text" in b:
            out.append(b["text"]["text"])
        out += [e.get("text", "") for e in b.get("elements", []) if b["type"] == "context"]
    return out


def buttons(view: dict, action_id: str) -> list[dict]:
    return [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]
            if e["action_id"] == action_id]


def test_no_deals_gives_the_hint():
    view = valid(home_view(my()))
    assert view["blocks"][0] == {"type": "header",
                                 "text": {"type": "plain_text", "text": "My deals"}}
    assert any("/deal new Acme Corp 12k" in t for t in texts(view))
    assert buttons(view, Action.advance) == [] and buttons(view, Action.show) == []


def test_summary_groups_and_lines():
    a = dv(1, PROSPECT, "Acme", days=5)
    b = dv(2, PROSPECT, "Beta", value=450_000, currency="EUR", owner="U0BOB")
    c = dv(3, PROPOSAL, "Gamma", value=None)
    data = my(
        [group(PROSPECT, [a, b], [Money(2_400_000, "USD"), Money(450_000, "EUR")]),
         group(PROPOSAL, [c])],
        totals=[Money(2_400_000, "USD"), Money(450_000, "EUR")],
        forecast=[Money(120_000, "USD"), Money(22_500, "EUR")],
        quiet={a.deal.id: 23},
    )
    t = texts(valid(home_view(data)))
    assert "*3 open deals* · $24,000 + €4,500 · weighted forecast $1,200 + €225" in t
    assert "*Prospect identified* · 2 deals · $24,000 + €4,500" in t
    assert "*Proposal received* · 1 deal" in t
    assert "*#1 Acme* · $12k · 5d in stage · ⚠ quiet for 23 days" in t
    assert "*#2 Beta* · €4.5k · owner <@U0BOB> · 3d in stage" in t
    assert "*#3 Gamma* · – · 3d in stage" in t
    order = ["*Prospect identified* · 2 deals · $24,000 + €4,500",
             "*#2 Beta* · €4.5k · owner <@U0BOB> · 3d in stage", "*Proposal received* · 1 deal"]
    assert [t.index(x) for x in order] == sorted(t.index(x) for x in order)


def test_advance_carries_the_cards_move_value_and_show_the_number():
    v, last = dv(7, PROSPECT), dv(8, COMMITTED)
    view = valid(home_view(my([group(PROSPECT, [v]), group(COMMITTED, [last])])))
    card_advance = next(e for e in card_actions(v)["elements"]
                        if e["action_id"] == Action.advance)
    [advance] = buttons(view, Action.advance)  # the last open stage has no Advance
    assert (advance["value"], advance["text"]["text"]) == (card_advance["value"],
                                                           "Advance to Lead qualified")
    assert MoveValue.load(advance["value"]) == MoveValue(deal=7, frm=PROSPECT.id, to=STAGES[1].id)
    assert [b["value"] for b in buttons(view, Action.show)] == ["7", "8"]


def test_user_text_is_escaped():
    v = dv(1, PROSPECT, "<!channel> & *bold*")
    t = " ".join(texts(valid(home_view(my([group(PROSPECT, [v])]), notice="Refused."))))
    assert "<!channel>" not in t and "&lt;!channel&gt; &amp; \u200b*bold\u200b*" in t


def test_notice_is_shown_at_the_top():
    view = valid(home_view(my([group(PROSPECT, [dv(1, PROSPECT)])]), notice="Already moved."))
    assert view["blocks"][1]["text"]["text"] == "Already moved."


def test_many_deals_stay_within_100_blocks_and_say_how_many_more():
    views = [dv(i, PROSPECT, f"Deal {i}") for i in range(1, 51)]
    data = my([group(PROSPECT, views, count=130), group(PROPOSAL, [], count=7)],
              closed=[dv(200 + i, WON, f"Won {i}") for i in range(5)])
    view = valid(home_view(data))
    shown = len(buttons(view, Action.show))
    assert 40 <= shown < 50 and len(view["blocks"]) >= VIEW_BLOCKS - 2
    assert f"and {137 - shown} more: `/deal list mine`" in texts(view)
    assert "Won 4" in texts(view)[-1]  # the recently closed section is kept


def test_all_deals_fit_no_more_line():
    data = my([group(PROSPECT, [dv(1, PROSPECT)]), group(PROPOSAL, [dv(2, PROPOSAL)])])
    assert not any("more:" in t for t in texts(valid(home_view(data))))


def test_expanded_deal_on_top_with_back_button_still_within_limits():
    v = dv(5, PROPOSAL, "Acme")
    history = [Activity(id=i, team_id="T", deal_id=50, actor_id=ME, kind="note", note="x" * 900,
                        at=NOW - timedelta(hours=i)) for i in range(200)]
    expanded = show_blocks(v, history)
    views = [dv(i, PROSPECT, f"Deal {i}") for i in range(1, 51)]
    view = valid(home_view(my([group(PROSPECT, views, count=80)]), expanded=expanded))
    assert view["blocks"][1]["elements"][0]["action_id"] == Action.home_refresh
    assert view["blocks"][1]["elements"][0]["text"]["text"] == "Back to my deals"
    assert view["blocks"][2:2 + len(expanded)] == expanded
    shown = len(buttons(view, Action.show))
    assert shown > 0 and f"and {80 - shown} more: `/deal list mine`" in texts(view)


def test_recently_closed():
    data = my(closed=[dv(4, WON, "Big win", days=0), dv(5, LOST, "Gone", value=None, days=2)])
    t = texts(valid(home_view(data)))[-1]
    assert t.startswith("*Closed in the last 30 days*")
    assert "✅ *#4 Big win* · $12k · Won today" in t and "✖ *#5 Gone* · – · Lost 2 days ago" in t
