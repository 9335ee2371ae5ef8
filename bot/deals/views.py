"""What a card or a list line shows of a deal (DealView): built from what was read of it
and what this unit of work recorded of it."""

from dataclasses import dataclass, field

from sqlmodel import Session

from bot.deals.history import recorded_of
from bot.qualification import rule as qualify
from storage import queries
from storage.models import Activity, Deal, Stage


@dataclass
class DealView:
    """A deal with what a card or a list line needs to show it."""

    deal: Deal
    stage: Stage
    stages: list[Stage]
    company: str | None = None
    collaborators: list[str] = field(default_factory=list)
    last: Activity | None = None
    changes: list[Activity] = field(default_factory=list)  # recorded by this unit of work
    bant: str | None = None  # `SQL · hot · B✓ A✓ N✓ T✓` once qualified


def view(*, session: Session, deal: Deal, stages: list[Stage] | None = None) -> DealView:
    """What a card needs to show the deal (`stages`: the active ones, when just read)."""
    stages = stages if stages is not None else queries.stages(session=session, team_id=deal.team_id)
    comp = queries.company(session=session, team_id=deal.team_id, company_id=deal.company_id)
    # What this unit of work recorded last is the deal's newest entry (view_of).
    recorded_here = bool(recorded_of(session, deal))
    return view_of(
        session,
        deal,
        stages,
        company=comp.name if comp else None,
        collaborators=queries.collaborators(session=session, team_id=deal.team_id, deal_id=deal.id),
        last=None
        if recorded_here
        else queries.last_activity(session=session, team_id=deal.team_id, deal_id=deal.id),
        bant=bant_line(session, deal),
    )


def view_of(
    session: Session,
    deal: Deal,
    stages: list[Stage],
    *,
    company: str | None,
    collaborators: list[str],
    last: Activity | None,
    bant: str | None,
) -> DealView:
    """The deal's view from what was read of it (`stages`: the active ones): its stage
    among them (else read: a retired one), and what this unit of work recorded of it, the
    last of which is its newest entry."""
    stage = next((s for s in stages if s.id == deal.stage_id), None) or queries.stage_by_id(
        session=session, team_id=deal.team_id, stage_id=deal.stage_id
    )
    changes = recorded_of(session, deal)
    return DealView(
        deal=deal,
        stage=stage,
        stages=stages,
        company=company,
        collaborators=collaborators,
        last=changes[-1] if changes else last,
        changes=changes,
        bant=bant,
    )


def bant_line(session: Session, deal: Deal) -> str | None:
    """The deal's BANT verdict for its card, once it was qualified."""
    if deal.qualified is None:  # never checked: no qualification to read
        return None
    return bant_text(
        queries.last_qualification(session=session, team_id=deal.team_id, deal_id=deal.id)
    )


def bant_text(q) -> str | None:
    """A BANT check's verdict as its card shows it (`SQL · hot · B✓ A✓ N✓ T✓`), or None."""
    return qualify.summary_text(q.qualified, q.temperature, qualify.answers_of(q)) if q else None
