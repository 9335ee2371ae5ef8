"""BANT qualification: record the answers, apply the rule, and act on the verdict."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from bot.common.errors import InvalidInput, NotAllowed
from bot.common.money import Money
from bot.common.text import clean_line
from bot.deals import outcomes
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.qualification.gate import qualification_stage
from bot.qualification.rule import (
    PARTS,
    Answers,
    Verdict,
    answers_of,
    check_threshold,
    clean_note,
    verdict,
)
from bot.workspaces.service import ensure_workspace
from storage import queries
from storage.models import Qualification, Stage, Workspace
from storage.types import utcnow

__all__ = ["Answers", "Qualified", "Verdict", "answers_of", "verdict"]

REASON_MAX = 400


@dataclass
class Qualified:
    """The result of a BANT check."""

    view: DealView
    verdict: Verdict
    answers: Answers
    moved_to: Stage | None = None


def last_answers(*, session: Session, team_id: str, deal_id: int) -> Qualification | None:
    """The deal's newest BANT check."""
    return queries.last_qualification(session=session, team_id=team_id, deal_id=deal_id)


def open_deal(session: Session, team_id: str, ref: str, expected_stage_id: int | None):
    """The deal and its stage, refusing a stale form and a closed deal."""
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    current = deals.current_stage(session, deal, None)
    if current.kind != "open":  # closed meanwhile: say so rather than "moved to Won"
        raise NotAllowed("qualify_closed", deal=deal.number, name=deal.name, stage=current.name)
    return deal, deals.current_stage(session, deal, expected_stage_id)


def qualify(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    answers: Answers,
    notes: dict[str, str | None] | None = None,
    amount: Money | None = None,
    expected_stage_id: int | None = None,
) -> Qualified:
    """Record a BANT check, apply the workspace's rule, and move a new SQL to qualification."""
    notes = {part: clean_note((notes or {}).get(part)) for part in PARTS}
    if amount is not None and answers.budget != "confirmed":
        raise InvalidInput("amount_without_budget")
    deal, current = open_deal(session, team_id, ref, expected_stage_id)
    ws = ensure_workspace(session=session, team_id=team_id)
    v = verdict(answers, ws.qualify_threshold)
    before = last_answers(session=session, team_id=team_id, deal_id=deal.id)
    session.add(
        Qualification(
            team_id=team_id,
            deal_id=deal.id,
            asked_by=actor,
            **{part: answers.get(part) for part in PARTS},
            **{f"{part}_note": note for part, note in notes.items()},
            score=v.score,
            qualified=v.qualified,
            temperature=v.temperature,
        )
    )
    values: dict = {"qualified": v.qualified, "temperature": v.temperature}
    old_value = deals.value_text(deal)
    if amount is not None:
        values |= {"value_minor": amount.minor, "currency": amount.currency}
    deals.update(session, deal, **values)
    if amount is not None and deals.value_text(deal) != old_value:
        deals.record(session, deal, actor, "value", frm=old_value, to=deals.value_text(deal))
    was = f"{'SQL' if before.qualified else 'MQL'} · {before.temperature}" if before else None
    note = f"{v.marks}, {v.score} of 4 met"
    deals.record(session, deal, actor, "qualified", frm=was, to=v.headline, note=note)
    session.flush()
    target = qualification_stage(session=session, team_id=team_id) if v.qualified else None
    moved = target is not None and current.position < target.position
    if moved:
        deals.transition(session, deal, current, target, actor, "moved", note="qualified (BANT)")
    return Qualified(
        view=deals.view(session=session, deal=deal),
        verdict=v,
        answers=answers,
        moved_to=target if moved else None,
    )


def disqualify(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    reason: str,
    expected_stage_id: int | None = None,
) -> DealView:
    """Mark the deal lost as "Disqualified: <reason>"; it keeps its history and can be reopened."""
    reason = clean_line(reason)
    if not reason:
        raise InvalidInput("disqualify_reason_missing")
    if len(reason) > REASON_MAX:
        raise InvalidInput("disqualify_reason_too_long", limit=REASON_MAX)
    open_deal(session, team_id, ref, expected_stage_id)
    return outcomes.lost(
        session=session,
        team_id=team_id,
        actor=actor,
        ref=ref,
        reason=f"Disqualified: {reason}",
        expected_stage_id=expected_stage_id,
    )


def nurture(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    follow_up: date,
    note: str | None = None,
    expected_stage_id: int | None = None,
    today: date | None = None,
) -> DealView:
    """Keep the lead (an MQL) and set the date to follow up on it."""
    today = today or utcnow().date()
    if follow_up < today:
        raise InvalidInput("follow_up_in_the_past", day=follow_up, today=today)
    note = clean_note(note)
    deal, _current = open_deal(session, team_id, ref, expected_stage_id)
    before = deal.follow_up.isoformat() if deal.follow_up else None
    deals.update(session, deal, follow_up=follow_up)
    deals.record(session, deal, actor, "nurture", frm=before, to=follow_up.isoformat(), note=note)
    session.flush()
    return deals.view(session=session, deal=deal)


def set_threshold(*, session: Session, team_id: str, threshold: int) -> Workspace:
    """How many of the four must be met (2, 3 or 4) for a lead to be qualified."""
    ws = ensure_workspace(session=session, team_id=team_id)
    ws.qualify_threshold = check_threshold(threshold)
    session.add(ws)
    session.flush()
    return ws


def set_strict(*, session: Session, team_id: str, strict: bool) -> Workspace:
    """Whether a deal must be qualified to move past the qualification stage, even when forced."""
    ws = ensure_workspace(session=session, team_id=team_id)
    ws.strict_qualification = strict
    session.add(ws)
    session.flush()
    return ws
