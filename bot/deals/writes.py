"""The writes a change to a deal makes, each one guarded statement in storage: a stage move
happens only from the stage it expects to leave (`transition`), a field edit only at the
version it read (`update`); a stale change is refused with who got there first, never
applied twice. Also the check before a change (`pipeline_at`: one made from an
out-of-date card is refused) and where a deal's card is (`set_card`).
"""

from sqlmodel import Session

from bot.common.errors import DealNotFound, StaleDeal
from bot.deals.history import changeable, mark_current, record
from bot.workspaces.service import active_stages
from storage import deal_queries, queries
from storage.models import Deal, Stage
from storage.types import utcnow


def transition(
    session: Session,
    deal: Deal,
    current: Stage | None,
    target: Stage,
    actor: str,
    kind: str,
    note: str | None = None,
    **values: object,
) -> None:
    """Move the deal from current to target unless someone moved it first; record it."""
    move_guarded(session, deal, target, **values)
    frm = current.name if current else None
    record(session, deal, actor, kind, frm=frm, to=target.name, note=note, stages=(current, target))
    session.flush()


def move_guarded(session: Session, deal: Deal, target: Stage, **values: object) -> None:
    """Move the deal to target only from the stage it was read at (else it is stale); the
    deal object then holds the row as the move left it."""
    row = queries.move_if_at(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        from_stage_id=deal.stage_id,
        to_stage_id=target.id,
        now=utcnow(),
        **values,
    )
    if row is None:
        session.refresh(deal)
        raise stale(session, deal, None)
    queries.loaded(deal, row)
    mark_current(session, deal)


def update(session: Session, deal: Deal, **values: object) -> None:
    """Set the deal's columns unless someone changed it since it was read; bump its version."""
    row = queries.update_if_version(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        version=deal.version,
        now=utcnow(),
        **values,
    )
    if row is None:
        raise StaleDeal("changed_meanwhile", number=deal.number)
    queries.loaded(deal, row)
    mark_current(session, deal)


def touch(session: Session, deal: Deal) -> None:
    """Mark the deal as worked on now (a note): its fields and version stay as they are."""
    if not deal_queries.touch(session=session, team_id=deal.team_id, deal_id=deal.id, now=utcnow()):
        raise DealNotFound("deal_gone")
    session.refresh(deal)
    mark_current(session, deal)


def current_stage(session: Session, deal: Deal, expected_stage_id: int | None) -> Stage:
    """The deal's stage, refusing a change made from an out-of-date card."""
    return pipeline_at(session, deal, expected_stage_id)[0]


def pipeline_at(
    session: Session, deal: Deal, expected_stage_id: int | None
) -> tuple[Stage, list[Stage]]:
    """The deal's stage and the workspace's active stages (read-only copies, current while
    the workspace's stamp says so), the pipeline held; a change made from an out-of-date
    card is refused."""
    stages = active_stages(session=session, team_id=deal.team_id, hold=True)
    changeable(deal)  # before any gate or form: an archived deal is not moved
    stage = next((s for s in stages if s.id == deal.stage_id), None) or queries.stage_by_id(
        session=session, team_id=deal.team_id, stage_id=deal.stage_id
    )
    if expected_stage_id is not None and expected_stage_id != deal.stage_id:
        raise stale(session, deal, stage)
    return stage, stages


def stale(session: Session, deal: Deal, stage: Stage | None) -> StaleDeal:
    """The error for a change made on an out-of-date view of the deal."""
    stage = stage or queries.stage_by_id(
        session=session, team_id=deal.team_id, stage_id=deal.stage_id
    )
    last = queries.last_activity(session=session, team_id=deal.team_id, deal_id=deal.id)
    return StaleDeal(
        "moved_meanwhile",
        number=deal.number,
        name=deal.name,
        stage=stage.name,
        by=last.actor_id if last else None,
    )


def set_card(
    *,
    session: Session,
    team_id: str,
    deal_id: int,
    channel_id: str,
    ts: str,
    shown: Deal | None = None,
) -> bool:
    """Remember where the deal's card (its home message and thread) is; whether the deal
    changed since `shown`, the copy of it the card was made from (a field, a move, or any
    newer activity)."""
    found = deal_queries.set_card(
        session=session, team_id=team_id, deal_id=deal_id, channel_id=channel_id, ts=ts
    )
    if found is None:
        raise DealNotFound("deal_gone")
    return shown is not None and found != deal_queries.changed(shown)
