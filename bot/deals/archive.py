"""/deal archive and /deal restore: a junk lead leaves lists, Home, digests and nudges.

The deal and its history stay; its card and thread stay in the channel. Who may archive
or restore: whoever may change the deal (bot/teams/access.py); anyone else is told who can.
"""

from sqlmodel import Session

from bot.common.errors import NotAllowed
from bot.deals import service as deals
from storage.types import utcnow


def archive(*, session: Session, team_id: str, actor: str, ref: str) -> deals.DealView:
    """Archive the deal; refused if it is archived already or the actor is not on it."""
    deal = deals.get_to_change(
        session=session, team_id=team_id, ref=ref, actor=actor, kind="archived"
    )
    if deal.archived_at is not None:
        raise NotAllowed("already_archived", number=deal.number, name=deal.name)
    deals.update(session, deal, archived_at=utcnow())
    deals.record(session, deal, actor, "archived")
    session.flush()
    return deals.view(session=session, deal=deal)


def restore(*, session: Session, team_id: str, actor: str, ref: str) -> deals.DealView:
    """Bring an archived deal back where it was."""
    deal = deals.get_to_change(
        session=session, team_id=team_id, ref=ref, actor=actor, kind="restored"
    )
    if deal.archived_at is None:
        raise NotAllowed("not_archived", number=deal.number, name=deal.name)
    deals.update(session, deal, archived_at=None)
    deals.record(session, deal, actor, "restored")
    session.flush()
    return deals.view(session=session, deal=deal)
