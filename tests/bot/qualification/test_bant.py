"""BANT operations on a real database: qualify, disqualify, nurture, and the rule settings."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from bot.common.errors import DealNotFound, InvalidInput, NotAllowed, StaleDeal
from bot.common.money import parse_amount
from bot.deals import outcomes
from bot.deals import service as deals
from bot.qualification import bant
from bot.qualification.rule import Answers
from storage import queries
from storage.models import Qualification, Stage
from tests.bot.qualification.helpers import T, kinds, new, qualify, stage
from tests.words import refused


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
    with refused(InvalidInput, "2, 3 or 4"):
        bant.set_threshold(session=session, team_id=T, threshold=1)


def test_a_confirmed_amount_sets_the_value(session):
    deal = new(session, amount="10k")
    qualify(session, deal, amount=parse_amount("12.5k"))
    assert deal.value_minor == 1_250_000
    assert ("value", "$10,000", "$12,500") in kinds(session, deal)
    with refused(InvalidInput, "confirmed budget"):
        qualify(session, deal, ("allocating", "influencer", "critical", "month"),
                amount=parse_amount("5k"))


@pytest.mark.usefixtures("everyone_admin")
def test_closed_stale_and_foreign_deals_are_refused_and_nothing_is_written(session):
    deal = new(session)
    other = new(session, "Theirs", team="T0OTHER")
    outcomes.won(session=session, team_id=T, actor="U0BOB", ref="1")
    with refused(NotAllowed, "is Won; reopen it first"):
        qualify(session, deal, expected_stage_id=None)
    fresh = new(session, "Beta")
    deals.move(session=session, team_id=T, actor="U0BOB", ref="2", to="needs", force=True)
    with refused(StaleDeal, "already moved to Needs confirmed by <@U0BOB>"):
        qualify(session, fresh, expected_stage_id=stage(session, "prospect").id)
    with pytest.raises(DealNotFound):
        bant.qualify(session=session, team_id=T, actor="U0ANN", ref="7",
                     answers=Answers("confirmed", "influencer", "critical", "month"))
    assert other.number == 1 and session.exec(select(Qualification)).all() == []


def test_disqualify_marks_lost_with_the_reason_and_can_be_reopened(session):
    deal = new(session)
    with refused(InvalidInput, "Say why"):
        bant.disqualify(session=session, team_id=T, actor="U0ANN", ref="1", reason="  ")
    v = bant.disqualify(session=session, team_id=T, actor="U0ANN", ref="1",
                        reason="no budget this year", expected_stage_id=deal.stage_id)
    assert (v.stage.kind, v.deal.lost_reason) == ("lost", "Disqualified: no budget this year")
    assert outcomes.reopen(session=session, team_id=T, actor="U0ANN", ref="1").stage.kind == "open"


def test_nurture_sets_the_follow_up_and_records_it(session):
    deal = new(session)
    today = date(2026, 5, 1)
    with refused(InvalidInput, "in the past"):
        bant.nurture(session=session, team_id=T, actor="U0ANN", ref="1",
                     follow_up=today - timedelta(days=1), today=today)
    v = bant.nurture(session=session, team_id=T, actor="U0ANN", ref="1", follow_up=date(2026, 6, 1),
                     note="after their budget round", today=today, expected_stage_id=deal.stage_id)
    assert v.deal.follow_up == date(2026, 6, 1) and v.stage.key == "prospect"
    last = queries.last_activity(session=session, team_id=T, deal_id=deal.id)
    assert (last.kind, last.to_value, last.note) == ("nurture", "2026-06-01",
                                                      "after their budget round")


def test_a_deal_already_past_qualification_does_not_move_back(session):
    deal = new(session)
    deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="proposal", force=True)
    q = qualify(session, deal)
    assert q.moved_to is None and q.view.stage.key == "proposal"
    assert session.exec(select(Stage).where(Stage.id == deal.stage_id)).one().key == "proposal"


def test_a_change_between_reading_and_writing_the_deal_is_refused(session, monkeypatch):
    deal = new(session)
    # someone else's write lands between our read and our conditional update
    monkeypatch.setattr(queries, "update_if_version", lambda **_: None)
    with refused(StaleDeal, "#1 was changed by someone else at the same moment"):
        qualify(session, deal)


def test_a_long_disqualify_reason_and_a_past_follow_up_say_what_would_work(session):
    deal = new(session)
    with refused(InvalidInput, "Keep the reason under 400 characters; add a note for more."):
        bant.disqualify(session=session, team_id=T, actor="U0ANN", ref="1", reason="x" * 401)
    past = r"^2026-04-30 is in the past; pick today \(2026-05-01\) or later\.$"
    with refused(InvalidInput, past):
        bant.nurture(session=session, team_id=T, actor="U0ANN", ref="1",
                     follow_up=date(2026, 4, 30), today=date(2026, 5, 1))
    assert deal.follow_up is None and kinds(session, deal) == [
        ("created", None, "Prospect identified")]
