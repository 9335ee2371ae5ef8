"""What the outbox's senders read when they deliver: a deal as it is now, and its changes."""

from sqlmodel import Session

from bot.deals import service as deals
from bot.deals.service import DealView
from storage import card_queries, deal_queries, queries
from storage.card_queries import LineRead, Origin
from storage.models import Activity, Deal


def current(*, session: Session, team_id: str, deal_id: int) -> DealView | None:
    """The deal's view as it is now, or None if it is not in the workspace."""
    deal = deal_queries.deal_by_id(session=session, team_id=team_id, deal_id=deal_id)
    return None if deal is None else deals.view(session=session, deal=deal)


def card(*, session: Session, team_id: str, deal_id: int) -> tuple[DealView | None, Origin]:
    """The deal's view as `current` gives it (deals.view's), read in one statement (two when
    someone is tagged on it), and the message it was created from; (None, (None, None))
    if it is not in the workspace. For a fresh unit of work (the outbox's senders): it
    reads what is stored, not what this session holds unwritten."""
    found = card_queries.card(session=session, team_id=team_id, deal_id=deal_id)
    if found is None:
        return None, (None, None)
    deal = found.deal
    collaborators = (
        queries.collaborators(session=session, team_id=team_id, deal_id=deal.id)
        if found.tagged
        else []
    )
    view = deals.view_of(
        session,
        deal,
        found.stages,
        company=found.company,
        collaborators=collaborators,
        last=found.last,
        bant=deals.bant_text(found.bant if deal.qualified is not None else None),
    )
    return view, found.origin


def thread_in(origin: Origin, channel_id: str | None) -> str | None:
    """The thread a deal's card goes in when not its own: the message it was created from,
    when that message is in the card's channel (else the card is a message of its own)."""
    ts, channel = origin
    return ts if ts and channel == channel_id else None


def line(
    *, session: Session, team_id: str, deal_id: int, activity_id: int | None
) -> LineRead | None:
    """Where the deal's card is, and the activity (of the workspace) a thread line tells, in
    one statement; None if the deal is not in the workspace."""
    return card_queries.line(
        session=session, team_id=team_id, deal_id=deal_id, activity_id=activity_id
    )


def deal(*, session: Session, team_id: str, deal_id: int) -> Deal | None:
    """The deal's own row (where its card is), without what only its card shows."""
    return deal_queries.deal_by_id(session=session, team_id=team_id, deal_id=deal_id)


def changes(*, session: Session, team_id: str, ids: list[int]) -> list[Activity]:
    """The activities an outbox row names, oldest first."""
    return deal_queries.activities(session=session, team_id=team_id, ids=ids)


def posted_in(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Whether dealbot has posted a deal's card in this channel (so it can post there)."""
    return deal_queries.has_card_in(session=session, team_id=team_id, channel_id=channel_id)
