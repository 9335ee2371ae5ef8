"""/deal archive and /deal restore: a junk lead leaves lists, Home, digests and nudges.

The deal and its history stay; its card and thread stay in the channel. Who may archive
or restore: the deal's owner, its collaborators and whoever created it (there are no
roles yet); anyone else is told who can.
"""

from sqlmodel import Session

from bot.common.errors import NotAllowed
from bot.deals import service as deals
from storage import queries
from storage.models import Deal
from storage.types import utcnow


def may_archive(session: Session, deal: Deal, actor: str) -> bool:
    """Whether the actor is on the deal: its owner, a collaborator, or its creator."""
    if actor in (deal.owner_id, deal.created_by):
        return True
    return actor in queries.collaborators(session=session, team_id=deal.team_id, deal_id=deal.id)


def _check(session: Session, deal: Deal, actor: str) -> None:
    if not may_archive(session, deal, actor):
        raise NotAllowed("archive_not_yours", number=deal.number, owner=deal.owner_id)


def archive(*, session: Session, team_id: str, actor: str, ref: str) -> deals.DealView:
    """Archive the deal; refused if it is archived already or the actor is not on it."""
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    _check(session, deal, actor)
    if deal.archived_at is not None:
        raise NotAllowed("already_archived", number=deal.number, name=deal.name)
    deals.update(session, deal, archived_at=utcnow())
    deals.record(session, deal, actor, "archived")
    session.flush()
    return deals.view(session=session, deal=deal)


def restore(*, session: Session, team_id: str, actor: str, ref: str) -> deals.DealView:
    """Bring an archived deal back where it was."""
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    _check(session, deal, actor)
    if deal.archived_at is None:
        raise NotAllowed("not_archived", number=deal.number, name=deal.name)
    deals.update(session, deal, archived_at=None)
    deals.record(session, deal, actor, "restored")
    session.flush()
    return deals.view(session=session, deal=deal)
