"""/deal undo: take back your own last change, within UNDO_MINUTES.

Undoable: stage moves, won and lost (the deal goes back to the stage it left), field
sets (value, close, source, next step, name, company: the previous value comes back),
notes (marked deleted) and archive/restore. Not undoable: creating a deal (archive it),
handoffs and tags (they told people), qualification, reopen, contacts. Only the deal's
newest change can be undone, so an undo never overwrites someone else's later change;
the undo itself is guarded like every change and recorded in the history ("undone": from
the kind undone, to its activity id, and the values it took back as the note).
"""

from datetime import date, timedelta

from sqlmodel import Session

from bot.common.errors import NotAllowed, StageNotFound
from bot.common.money import STORED, parse_amount
from bot.deals import matching
from bot.deals import service as deals
from bot.deals.companies import company_for
from bot.teams import access
from storage import deal_queries, queries, undo_queries
from storage.models import Activity, Deal
from storage.types import utcnow

UNDO_MINUTES = 5
STAGE_KINDS = ("moved", "won", "lost")
FIELD_KINDS = ("value", "close", "source", "next", "name", "company")
UNDOABLE = (*STAGE_KINDS, *FIELD_KINDS, "note", "archived", "restored")


def undo(*, session: Session, team_id: str, actor: str) -> tuple[deals.DealView, Activity]:
    """Undo the actor's last change; the deal as it is now, and the change undone."""
    last = undo_queries.last_by(session=session, team_id=team_id, actor=actor)
    if last is None:
        raise NotAllowed("undo_nothing")
    deal = deal_queries.deal_by_id(session=session, team_id=team_id, deal_id=last.deal_id)
    facts = {"number": deal.number, "name": deal.name, "kind": last.kind}
    if last.kind == "undone":
        raise NotAllowed("undo_twice", **facts)
    if utcnow() - last.at > timedelta(minutes=UNDO_MINUTES):
        raise NotAllowed("undo_too_late", minutes=UNDO_MINUTES, **facts)
    if last.kind not in UNDOABLE:
        raise NotAllowed("undo_not_possible", **facts)
    newest = undo_queries.last_on(session=session, team_id=team_id, deal_id=deal.id)
    if newest is not None and newest.id != last.id:
        raise NotAllowed("undo_changed_since", by=newest.actor_id, **facts)
    # Undo is a change like any other: the actor must still be allowed to change the deal.
    access.require_change(session, deal, actor, "note" if last.kind == "note" else "undone")
    _take_back(session, deal, last)
    deals.record(session, deal, actor, "undone", frm=last.kind, to=str(last.id), note=_was(last))
    session.flush()
    return deals.view(session=session, deal=deal), last


def _was(last: Activity) -> str | None:
    """The undone change's values (`$15,000 → $12,000`), kept as the undo's note for history."""
    if last.kind not in ("moved", *FIELD_KINDS):
        return None
    return f"{last.from_value or '–'} → {last.to_value or '–'}"


def _take_back(session: Session, deal: Deal, last: Activity) -> None:
    """Put the deal as it was before `last`, guarded like any change."""
    if last.kind in STAGE_KINDS:
        _stage_back(session, deal, last)
    elif last.kind in FIELD_KINDS:
        deals.update(session, deal, **_field_back(session, deal, last))
    elif last.kind == "note":
        if not undo_queries.strike(
            session=session, team_id=deal.team_id, activity_id=last.id, now=utcnow()
        ):
            raise NotAllowed("undo_twice", number=deal.number, name=deal.name, kind=last.kind)
        deals.touch(session, deal)
    else:  # archived or restored
        deals.update(session, deal, archived_at=None if last.kind == "archived" else utcnow())


def _stage_back(session: Session, deal: Deal, last: Activity) -> None:
    queries.hold_pipeline(session=session, team_id=deal.team_id)
    stages = queries.stages(session=session, team_id=deal.team_id)
    try:
        target = matching.recorded_stage(stages, last.from_stage_id, last.from_value)
    except StageNotFound:
        raise NotAllowed("undo_stage_gone", number=deal.number, stage=last.from_value) from None
    extra = {"lost_reason": None} if last.kind == "lost" else {}
    deals.move_guarded(session, deal, target, **extra)


def _field_back(session: Session, deal: Deal, last: Activity) -> dict:
    """The column values the field had before `last` set it."""
    before = last.from_value
    if last.kind == "value":
        if before is None:
            return {"value_minor": None}
        money = parse_amount(before, deal.currency, STORED)  # as stored, in any language
        return {"value_minor": money.minor, "currency": money.currency}
    if last.kind == "close":
        return {"close_date": date.fromisoformat(before) if before else None}
    if last.kind == "source":
        return {"source": before}
    if last.kind == "next":
        return {"next_step": before}
    if last.kind == "company":
        comp = company_for(session, deal.team_id, before) if before else None
        return {"company_id": comp.id if comp else None}
    return {"name": before}
