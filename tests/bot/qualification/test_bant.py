"""BANT: the written rule over every combination, and the operations on a real database."""

import itertools
from datetime import date, timedelta

import pytest
from sqlmodel import select

from bot.common.errors import DealNotFound, InvalidInput, NeedsQualification, NotAllowed, StaleDeal
from bot.common.money import parse_amount
from bot.deals import outcomes
from bot.deals import service as deals
from bot.qualification import bant, gate
from bot.qualification.rule import PARTS, Answers, verdict
from storage import queries
from storage.models import Qualification, Stage, Workspace

T = "T0TEST"

# The rule as DOMAIN.md and the README write it, spelled out answer by answer:
# 1 = met, 0 = answered and not met, None = unknown.
MET = {
    "budget": {"confirmed": 1, "allocating": 1, "unknown": None, "none": 0},
    "authority": {"decision_maker": 1, "influencer": 1, "no_access": 0, "unknown": None},
    "need": {"critical": 1, "nice": 0, "unclear": None, "none": 0},
    "timeline": {"month": 1, "quarter": 1, "later": 0, "none": 0},
}
HEAT = {"month": "hot", "quarter": "warm", "later": "cold", "none": "cold"}
SIGN = {1: "✓", 0: "✗", None: "?"}


def test_the_table_covers_every_choice_the_dialog_offers():
    assert {part: set(choices) for part, choices in MET.items()} == {
        part: set(choices) for part, choices in PARTS.items()
    }


@pytest.mark.parametrize("threshold", [2, 3, 4])
def test_every_combination_gets_the_written_verdict(threshold):
    combos = list(itertools.product(*(MET[p] for p in ("budget", "authority", "need", "timeline"))))
    assert len(combos) == 256
    qualified_count = 0
    for b, a, n, t in combos:
        flags = [MET["budget"][b], MET["authority"][a], MET["need"][n], MET["timeline"][t]]
        count = len([f for f in flags if f == 1])
        expected_sql = MET["need"][n] == 1 and count >= threshold
        got = verdict(Answers(budget=b, authority=a, need=n, timeline=t), threshold)
        assert got.score == count, (b, a, n, t)
        assert got.qualified is expected_sql, (b, a, n, t, threshold)
        assert got.temperature == HEAT[t]
        assert got.suggest_disqualify is (b == "none" or a == "no_access"), (b, a)
        assert got.marks == " ".join(f"{k}{SIGN[f]}" for k, f in zip("BANT", flags, strict=True))
        assert got.headline == ("SQL" if expected_sql else "MQL") + " · " + HEAT[t]
        qualified_count += expected_sql
    # Need critical, and of the other three (2 of 4 choices met in each) enough are met:
    # 8 combinations with none of them met, 24 with one, 24 with two, 8 with all three.
    assert qualified_count == {2: 24 + 24 + 8, 3: 24 + 8, 4: 8}[threshold]


def test_an_answer_outside_the_dialog_or_a_bad_threshold_is_refused():
    with pytest.raises(InvalidInput, match="Budget"):
        Answers(budget="lots", authority="unknown", need="nice", timeline="none")
    with pytest.raises(InvalidInput, match="2, 3 or 4"):
        verdict(Answers("confirmed", "influencer", "critical", "month"), 5)


def new(s, name="Acme", team=T, amount=None):
    return deals.create(
        session=s, team_id=team, actor="U0ANN", name=name,
        amount=parse_amount(amount) if amount else None,
    ).deal


def qualify(s, deal, answers=("confirmed", "decision_maker", "critical", "month"), **kw):
    kw.setdefault("expected_stage_id", deal.stage_id)
    return bant.qualify(session=s, team_id=deal.team_id, actor=kw.pop("actor", "U0ANN"),
                        ref=str(deal.number), answers=Answers(*answers), **kw)


def kinds(s, deal):
    return [(a.kind, a.from_value, a.to_value)
            for a in queries.history(session=s, team_id=deal.team_id, deal_id=deal.id)]


def test_an_sql_is_recorded_and_moves_to_the_qualification_stage(session):
    deal = new(session)
    notes = {"budget": "20k approved", "need": "manual invoicing hurts", "timeline": " "}
    q = qualify(session, deal, notes=notes)
    assert (q.verdict.headline, q.moved_to.key, q.view.stage.key) == ("SQL · hot", "qualified",
                                                                     "qualified")
    assert (q.view.deal.qualified, q.view.deal.temperature) == (True, "hot")
    [row] = session.exec(select(Qualification)).all()
    assert (row.asked_by, row.budget, row.budget_note, row.need_note, row.timeline_note,
            row.score, row.qualified, row.temperature) == (
        "U0ANN", "confirmed", "20k approved", "manual invoicing hurts", None, 4, True, "hot")
    assert kinds(session, deal) == [
        ("created", None, "Prospect identified"),
        ("qualified", None, "SQL · hot"),
        ("moved", "Prospect identified", "Lead qualified"),
    ]
    assert deals.bant_line(session, deal) == "SQL · hot · B✓ A✓ N✓ T✓"


def test_an_mql_stays_and_requalifying_records_from_and_to(session):
    deal = new(session)
    assert deals.bant_line(session, deal) is None
    q = qualify(session, deal, ("allocating", "unknown", "nice", "later"))
    assert (q.verdict.headline, q.moved_to, q.view.stage.key) == ("MQL · cold", None, "prospect")
    assert deals.bant_line(session, deal) == "MQL · cold · B✓ A? N✗ T✗"
    qualify(session, deal, ("allocating", "influencer", "critical", "quarter"))
    last = bant.last_answers(session=session, team_id=T, deal_id=deal.id)
    assert (last.authority, last.need, last.temperature) == ("influencer", "critical", "warm")
    assert kinds(session, deal)[-2:] == [("qualified", "MQL · cold", "SQL · warm"),
                                         ("moved", "Prospect identified", "Lead qualified")]
    assert len(session.exec(select(Qualification)).all()) == 2  # append-only


def test_the_workspace_threshold_decides(session):
    deal = new(session)
    answers = ("unknown", "unknown", "critical", "month")
    assert not qualify(session, deal, answers).verdict.qualified
    ws = bant.set_threshold(session=session, team_id=T, threshold=2)
    assert ws.qualify_threshold == 2
    assert qualify(session, deal, answers).verdict.qualified
    with pytest.raises(InvalidInput):
        bant.set_threshold(session=session, team_id=T, threshold=1)


def test_a_confirmed_amount_sets_the_value(session):
    deal = new(session, amount="10k")
    qualify(session, deal, amount=parse_amount("12.5k"))
    assert deal.value_minor == 1_250_000
    assert ("value", "$10,000", "$12,500") in kinds(session, deal)
    with pytest.raises(InvalidInput, match="confirmed budget"):
        qualify(session, deal, ("allocating", "influencer", "critical", "month"),
                amount=parse_amount("5k"))


def test_closed_stale_and_foreign_deals_are_refused_and_nothing_is_written(session):
    deal = new(session)
    other = new(session, "Theirs", team="T0OTHER")
    outcomes.won(session=session, team_id=T, actor="U0BOB", ref="1")
    with pytest.raises(NotAllowed, match="is Won; reopen it first"):
        qualify(session, deal, expected_stage_id=None)
    fresh = new(session, "Beta")
    deals.move(session=session, team_id=T, actor="U0BOB", ref="2", to="needs", force=True)
    with pytest.raises(StaleDeal, match="already moved to Needs confirmed by <@U0BOB>"):
        qualify(session, fresh, expected_stage_id=stage(session, "prospect").id)
    with pytest.raises(DealNotFound):
        bant.qualify(session=session, team_id=T, actor="U0ANN", ref="7",
                     answers=Answers("confirmed", "influencer", "critical", "month"))
    assert other.number == 1 and session.exec(select(Qualification)).all() == []


def test_disqualify_marks_lost_with_the_reason_and_can_be_reopened(session):
    deal = new(session)
    with pytest.raises(InvalidInput, match="Say why"):
        bant.disqualify(session=session, team_id=T, actor="U0ANN", ref="1", reason="  ")
    v = bant.disqualify(session=session, team_id=T, actor="U0ANN", ref="1",
                        reason="no budget this year", expected_stage_id=deal.stage_id)
    assert (v.stage.kind, v.deal.lost_reason) == ("lost", "Disqualified: no budget this year")
    assert outcomes.reopen(session=session, team_id=T, actor="U0ANN", ref="1").stage.kind == "open"


def test_nurture_sets_the_follow_up_and_records_it(session):
    deal = new(session)
    today = date(2026, 5, 1)
    with pytest.raises(InvalidInput, match="in the past"):
        bant.nurture(session=session, team_id=T, actor="U0ANN", ref="1",
                     follow_up=today - timedelta(days=1), today=today)
    v = bant.nurture(session=session, team_id=T, actor="U0ANN", ref="1", follow_up=date(2026, 6, 1),
                     note="after their budget round", today=today, expected_stage_id=deal.stage_id)
    assert v.deal.follow_up == date(2026, 6, 1) and v.stage.key == "prospect"
    last = queries.last_activity(session=session, team_id=T, deal_id=deal.id)
    assert (last.kind, last.to_value, last.note) == ("nurture", "2026-06-01",
                                                      "after their budget round")


def stage(s, key):
    return next(x for x in queries.stages(session=s, team_id=T) if x.key == key)


def test_gate_asks_for_qualification_past_the_qualification_stage(session):
    deal = new(session)
    for key in ("qualified", "won", "lost"):
        gate.gate(session=session, deal=deal, target=stage(session, key))  # allowed
    with pytest.raises(NeedsQualification, match="not qualified yet"):
        gate.gate(session=session, deal=deal, target=stage(session, "proposal"))
    gate.gate(session=session, deal=deal, target=stage(session, "proposal"), force=True)
    assert not session.get(Workspace, T).strict_qualification
    bant.set_strict(session=session, team_id=T, strict=True)
    with pytest.raises(NotAllowed, match="only moves qualified deals"):
        gate.gate(session=session, deal=deal, target=stage(session, "proposal"), force=True)
    with pytest.raises(NeedsQualification):
        gate.gate(session=session, deal=deal, target=stage(session, "needs"), strict=False)
    qualify(session, deal)
    gate.gate(session=session, deal=deal, target=stage(session, "proposal"))


def test_no_gate_and_no_move_without_a_qualified_stage(session):
    deal = new(session)
    q_stage = stage(session, "qualified")
    q_stage.key = "screened"
    session.add(q_stage)
    session.flush()
    gate.gate(session=session, deal=deal, target=stage(session, "proposal"))
    assert qualify(session, deal).moved_to is None


def test_a_deal_already_past_qualification_does_not_move_back(session):
    deal = new(session)
    deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="proposal", force=True)
    q = qualify(session, deal)
    assert q.moved_to is None and q.view.stage.key == "proposal"
    assert session.exec(select(Stage).where(Stage.id == deal.stage_id)).one().key == "proposal"
