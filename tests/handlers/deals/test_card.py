"""The deal card: what it shows, its buttons, and that Slack's models accept it."""

from datetime import UTC, datetime, timedelta

from slack_sdk.models.blocks import Block

from bot.deals.service import DealView
from bot.pipeline.templates import GENERIC
from handlers.deals.card import deal_card, next_stage, stage_menu
from handlers.kit.ids import Action
from handlers.kit.metadata import DealAt, MoveValue
from storage.models import Deal, Stage

STAGES = [
    Stage(
        id=i + 1,
        team_id="T",
        key=s.key,
        name=s.name,
        position=i,
        probability=s.probability,
        kind=s.kind,
    )
    for i, s in enumerate(GENERIC)
]


def view(number=12, name="Acme Corp", stage=0, value=1_200_000, **kw) -> DealView:
    now = datetime.now(UTC)
    deal = Deal(
        id=number,
        team_id="T",
        number=number,
        name=name,
        value_minor=value,
        currency="USD",
        stage_id=STAGES[stage].id,
        owner_id="U0ANN",
        created_by="U0ANN",
        stage_changed_at=now - timedelta(days=3),
        **kw,
    )
    return DealView(deal=deal, stage=STAGES[stage], stages=STAGES)


def valid(bs: list[dict]) -> list[dict]:
    """Every block through slack_sdk's models, unchanged."""
    for b in bs:
        parsed = Block.parse(b)
        assert parsed is not None
        assert parsed.to_dict() == b
    return bs


def test_card_shows_the_deal_and_offers_the_next_stage():
    bs = valid(deal_card(view()))
    assert bs[0] == {"type": "header", "text": {"type": "plain_text", "text": "#12 Acme Corp"}}
    fields = " ".join(f["text"] for f in bs[1]["fields"])
    assert "$12,000" in fields and "Prospect identified (1/7)" in fields and "<@U0ANN>" in fields
    actions = bs[-1]["elements"]
    advance = next(e for e in actions if e["action_id"] == Action.advance)
    assert advance["text"]["text"] == "Advance to Lead qualified"
    assert MoveValue.load(advance["value"]) == MoveValue(deal=12, frm=1, to=2)
    select = next(e for e in actions if e["action_id"] == Action.stage_select)
    assert len(select["options"]) == 6  # the other open stages, not won or lost


def test_closed_card_offers_reopen_and_note_but_no_moves():
    bs = valid(deal_card(view(stage=8, lost_reason="Price too high")))
    ids = [e["action_id"] for e in bs[-1]["elements"]]
    assert ids == [Action.reopen, Action.add_note]
    assert "Price too high" in str(bs[1])


def test_open_card_offers_every_seller_action_with_the_stage_it_expects():
    bs = valid(deal_card(view(stage=2)))
    elements = {e["action_id"]: e for e in bs[-1]["elements"]}
    assert set(elements) == {
        Action.advance,
        Action.stage_select,
        Action.won,
        Action.lost,
        Action.add_note,
        Action.tag,
        Action.add_contact,
        Action.qualify,
    }
    assert DealAt.load(elements[Action.won]["value"]) == DealAt(deal=12, stage=3)


def test_user_text_on_the_card_pings_no_one():
    bs = valid(deal_card(view(name="<!channel> & *x*", next_step="<@U0BOB> call")))
    assert bs[0]["text"]["text"] == "#12 <!channel> & *x*"  # plain_text is shown literally
    fields = " ".join(f["text"] for f in bs[1]["fields"])
    assert "&lt;@U0BOB&gt; call" in fields and "<@U0BOB>" not in fields


def test_the_last_open_stage_has_no_next_and_the_menu_leaves_out_the_current_stage():
    assert next_stage(view(stage=6)) is None  # committed: won is a button, not a next stage
    assert next_stage(view(stage=8)) is None  # closed
    menu = stage_menu(12, STAGES[0].id, STAGES, "Move…")
    assert [o["text"]["text"] for o in menu["options"]] == [s.name for s in STAGES[1:7]]
    assert stage_menu(12, STAGES[0].id, STAGES[:1], "Move…") is None
