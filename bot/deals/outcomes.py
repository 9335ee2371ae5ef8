"""Closing deals: won, lost (always with a reason), and reopened."""

from sqlmodel import Session

from bot.common.errors import InvalidInput, NotAllowed, StageNotFound
from bot.common.text import clean_line
from bot.deals import matching
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.deals.vocab import LOSS_REASONS
from bot.qualification import gate
from storage import queries
from storage.models import Deal, Stage

REASON_MAX = 500


def closing_stage(session: Session, team_id: str, kind: str) -> Stage:
    """The workspace's first stage of kind won or lost."""
    return next(s for s in queries.stages(session=session, team_id=team_id) if s.kind == kind)


def _closed_refusal(deal: Deal, stage: Stage) -> NotAllowed:
    return NotAllowed("already_closed", number=deal.number, name=deal.name, stage=stage.name)


def won(
    *, session: Session, team_id: str, actor: str, ref: str, expected_stage_id: int | None = None
) -> DealView:
    """Mark an open deal won."""
    deal = deals.get_to_change(
        session=session, team_id=team_id, ref=ref, actor=actor, kind="won"
    )
    current = deals.current_stage(session, deal, expected_stage_id)
    if current.kind != "open":
        raise _closed_refusal(deal, current)
    target = closing_stage(session, team_id, "won")
    gate.gate(session=session, deal=deal, target=target)  # strict: qualified deals only
    deals.transition(session, deal, current, target, actor, "won")
    return deals.view(session=session, deal=deal)


def reason_text(reason: str) -> str:
    """A loss reason: a known key (`price`) becomes its label; free text is kept as typed."""
    reason = clean_line(reason)
    if not reason:
        raise InvalidInput("lost_reason_missing", reasons=list(LOSS_REASONS))
    if len(reason) > REASON_MAX:
        raise InvalidInput("lost_reason_too_long", limit=REASON_MAX)
    return LOSS_REASONS.get(reason.casefold(), reason)


def lost(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    reason: str,
    expected_stage_id: int | None = None,
) -> DealView:
    """Mark an open deal lost, with its reason; it keeps its history and can be reopened."""
    text = reason_text(reason)
    deal = deals.get_to_change(
        session=session, team_id=team_id, ref=ref, actor=actor, kind="lost"
    )
    current = deals.current_stage(session, deal, expected_stage_id)
    if current.kind != "open":
        raise _closed_refusal(deal, current)
    target = closing_stage(session, team_id, "lost")
    deals.transition(session, deal, current, target, actor, "lost", note=text, lost_reason=text)
    return deals.view(session=session, deal=deal)


def reopen(
    *, session: Session, team_id: str, actor: str, ref: str, expected_stage_id: int | None = None
) -> DealView:
    """Put a won or lost deal back in the open stage it was closed from."""
    deal = deals.get_to_change(
        session=session, team_id=team_id, ref=ref, actor=actor, kind="reopened"
    )
    current = deals.current_stage(session, deal, expected_stage_id)
    if current.kind == "open":
        raise NotAllowed("reopen_open", number=deal.number, name=deal.name, stage=current.name)
    open_stages = [s for s in queries.stages(session=session, team_id=team_id) if s.kind == "open"]
    closed = queries.last_close(session=session, team_id=team_id, deal_id=deal.id)
    target = open_stages[0]
    if closed and closed.from_value:
        try:
            target = matching.recorded_stage(open_stages, closed.from_stage_id, closed.from_value)
        except StageNotFound:  # that stage left the pipeline: the first stage is the default
            target = open_stages[0]
    deals.transition(session, deal, current, target, actor, "reopened", lost_reason=None)
    return deals.view(session=session, deal=deal)
