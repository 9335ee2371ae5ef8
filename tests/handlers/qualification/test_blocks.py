"""BANT builders: what they show, prefill, and that Slack's models accept them."""

from datetime import UTC, date, datetime

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.deals.service import DealView
from bot.pipeline.templates import GENERIC
from bot.qualification.bant import Qualified
from bot.qualification.rule import Answers, verdict
from handlers.kit.metadata import DealAt, ModalMeta, MoveValue
from handlers.qualification.blocks import (
    bant_modal,
    bant_section,
    disqualify_modal,
    gate_blocks,
    nurture_modal,
    result_blocks,
)
from storage.models import Deal, Qualification, Stage

STAGES = [
    Stage(id=i + 1, team_id="T", key=s.key, name=s.name, position=i, probability=s.probability,
          kind=s.kind)
    for i, s in enumerate(GENERIC)
]
META = ModalMeta(channel="C0SALES", deal=12, stage=1)


def checked_view(v: dict) -> dict:
    assert View(**v).to_dict() == v
    return v


def checked(bs: list[dict]) -> list[dict]:
    for b in bs:
        assert Block.parse(b).to_dict() == b
    return bs


def inputs(v: dict) -> dict[str, dict]:
    return {b["block_id"]: b for b in v["blocks"] if b["type"] == "input"}


def test_the_modal_has_four_required_graded_choices_with_optional_notes():
    v = checked_view(bant_modal(META, "#12 Acme", None, threshold=3, value="$12,000"))
    assert v["callback_id"] == "bant_modal" and ModalMeta.load(v["private_metadata"]) == META
    found = inputs(v)
    assert list(found) == ["bant_budget", "bant_amount", "bant_budget_note", "bant_authority",
                           "bant_authority_note", "bant_need", "bant_need_note", "bant_timeline",
                           "bant_timeline_note"]
    labels = {bid: [o["text"]["text"] for o in b["element"].get("options", [])]
              for bid, b in found.items()}
    assert labels["bant_budget"] == ["Confirmed", "Being allocated", "Unknown", "No budget"]
    assert labels["bant_authority"] == ["Talking to the decision maker", "Influencer with access",
                                        "No access yet", "Unknown"]
    assert labels["bant_need"] == ["Critical pain confirmed", "Nice to have", "Unclear", "None"]
    assert labels["bant_timeline"] == ["Within a month", "One to three months",
                                       "Later than that", "No timeframe"]
    for bid, b in found.items():
        assert b["optional"] is (bid not in ("bant_budget", "bant_authority", "bant_need",
                                             "bant_timeline"))
        assert "initial_option" not in b["element"] and "initial_value" not in b["element"]
    assert "Empty keeps $12,000" in found["bant_amount"]["hint"]["text"]
    assert "at least 3 of the four" in v["blocks"][0]["text"]["text"]


def test_requalifying_prefills_the_last_answers_and_notes():
    last = Qualification(team_id="T", deal_id=12, asked_by="U0ANN", budget="allocating",
                         authority="no_access", need="critical", need_note="invoices by hand",
                         timeline="quarter", score=3, qualified=True, temperature="warm")
    found = inputs(checked_view(bant_modal(META, "#12 Acme", last, threshold=2)))
    picked = {bid: b["element"]["initial_option"]["value"] for bid, b in found.items()
              if "initial_option" in b["element"]}
    assert picked == {"bant_budget": "allocating", "bant_authority": "no_access",
                      "bant_need": "critical", "bant_timeline": "quarter"}
    assert found["bant_need_note"]["element"]["initial_value"] == "invoices by hand"
    assert "initial_value" not in found["bant_budget_note"]["element"]


def result(answers, stage=0, moved_to=None):
    deal = Deal(id=12, team_id="T", number=12, name="<!channel> Acme", currency="USD",
                stage_id=STAGES[stage].id, owner_id="U0ANN", created_by="U0ANN")
    a = Answers(*answers)
    view = DealView(deal=deal, stage=STAGES[stage], stages=STAGES)
    return Qualified(view=view, verdict=verdict(a), answers=a, moved_to=moved_to)


def buttons(bs):
    return [(e["action_id"], e["value"]) for b in bs if b["type"] == "actions"
            for e in b["elements"]]


def test_result_of_an_sql_says_where_it_moved_and_offers_nothing_else():
    sql = result(("confirmed", "influencer", "critical", "month"), 1, STAGES[1])
    bs = checked(result_blocks(sql))
    text = str(bs)
    assert "is qualified: *SQL · hot* (4 of 4 met). Moved to Lead qualified." in text
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    assert buttons(bs) == []


def test_result_suggests_disqualifying_with_no_budget_or_no_access():
    bs = checked(result_blocks(result(("none", "no_access", "nice", "none"))))
    text = str(bs)
    assert ("not qualified yet: *MQL · cold* (0 of 4 are met, but not while there is no budget "
            "and no access yet)") in text
    assert "With no budget and no access yet, this lead is a candidate" in text
    at = DealAt(deal=12, stage=1).dump()
    assert buttons(bs) == [("bant_disqualify", at), ("bant_nurture", at)]


def test_result_of_a_plain_mql_offers_a_follow_up_only():
    bs = checked(result_blocks(result(("unknown", "unknown", "critical", "later"))))
    assert "1 of 4 are met; the rule needs 3" in str(bs)
    assert [a for a, _ in buttons(bs)] == ["bant_nurture"]


def test_gate_offer_carries_the_move_it_stopped():
    bs = checked(gate_blocks(12, 1, 5, "#12 Acme is not qualified yet"))
    assert buttons(bs) == [("bant_qualify_now", DealAt(deal=12, stage=1).dump()),
                           ("bant_move_anyway", MoveValue(deal=12, frm=1, to=5).dump())]


def test_disqualify_and_nurture_forms():
    d = checked_view(disqualify_modal(META, "#12 Acme"))
    assert inputs(d)["bant_reason"]["optional"] is False
    n = checked_view(nurture_modal(META, "#12 Acme", date(2026, 6, 1)))
    assert inputs(n)["bant_follow_up"]["element"]["initial_date"] == "2026-06-01"
    assert inputs(n)["bant_follow_note"]["optional"] is True


def test_bant_section_for_show_escapes_notes():
    at = datetime(2026, 5, 1, tzinfo=UTC)
    q = Qualification(team_id="T", deal_id=12, asked_by="U0BOB", at=at,
                      budget="unknown", authority="decision_maker", need="critical",
                      timeline="none", timeline_note="<!here> later", score=2, qualified=False,
                      temperature="cold")
    text = str(checked(bant_section(q)))
    assert "*BANT* MQL · cold · B? A✓ N✓ T✗ · checked by <@U0BOB>" in text
    assert "Timeline ✗ No timeframe: &lt;!here&gt; later" in text
    assert "Not qualified yet" in str(checked(bant_section(None)))
