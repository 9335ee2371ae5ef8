"""What the outbox's senders read when they deliver: a deal as it is now, and its changes."""

from sqlmodel import Session

from bot.deals import service as deals
from bot.deals.service import DealView
from bot.shortcuts import service as shortcuts
from storage import deal_queries
from storage.models import Activity, Deal


def current(*, session: Session, team_id: str, deal_id: int) -> DealView | None:
    """The deal's view as it is now, or None if it is not in the workspace."""
    deal = deal_queries.deal_by_id(session=session, team_id=team_id, deal_id=deal_id)
    return None if deal is None else deals.view(session=session, deal=deal)


def current_and_thread(
    *, session: Session, team_id: str, deal_id: int
) -> tuple[DealView | None, str | None]:
    """The deal's view as it is now, and the thread its card goes in when not its own (the
    message the lead was created from); (None, None) if it is not in the workspace."""
    found, thread = shortcuts.deal_and_thread(session=session, team_id=team_id, deal_id=deal_id)
    return (None, None) if found is None else (deals.view(session=session, deal=found), thread)


def deal_and_thread(
    *, session: Session, team_id: str, deal_id: int
) -> tuple[Deal | None, str | None]:
    """The deal's own row and its card's thread as `current_and_thread` says, without what
    only its card shows."""
    return shortcuts.deal_and_thread(session=session, team_id=team_id, deal_id=deal_id)


def deal(*, session: Session, team_id: str, deal_id: int) -> Deal | None:
    """The deal's own row (where its card is), without what only its card shows."""
    return deal_queries.deal_by_id(session=session, team_id=team_id, deal_id=deal_id)


def changes(*, session: Session, team_id: str, ids: list[int]) -> list[Activity]:
    """The activities an outbox row names, oldest first."""
    return deal_queries.activities(session=session, team_id=team_id, ids=ids)


def posted_in(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Whether dealbot has posted a deal's card in this channel (so it can post there)."""
    return deal_queries.has_card_in(session=session, team_id=team_id, channel_id=channel_id)
