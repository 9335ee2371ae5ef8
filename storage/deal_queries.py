"""Writes to one deal that are not stage moves or field edits: where its card is, that it
was worked on, who is on it. Each is one guarded statement; every one filters by team_id."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col

from storage.models import Collaborator, Deal
from storage.queries import insert_new


def set_card(*, session: Session, team_id: str, deal_id: int, channel_id: str, ts: str) -> bool:
    """Record where the deal's card was posted; False when the deal is not in the workspace."""
    q = (
        update(Deal)
        .where(col(Deal.id) == deal_id, col(Deal.team_id) == team_id)
        .values(channel_id=channel_id, card_ts=ts)
    )
    return session.execute(q).rowcount == 1


def touch(*, session: Session, team_id: str, deal_id: int, now: datetime) -> bool:
    """Mark the deal as worked on now; False when the deal is not in the workspace.

    Only `updated_at` is written and nothing read before is written back, so no
    concurrent change can be lost; the version stays, as a note changes no field.
    """
    q = (
        update(Deal)
        .where(col(Deal.id) == deal_id, col(Deal.team_id) == team_id)
        .values(updated_at=now)
    )
    return session.execute(q).rowcount == 1


def add_collaborator(
    *,
    session: Session,
    team_id: str,
    deal_id: int,
    user_id: str,
    added_by: str,
    reason: str | None,
    now: datetime,
) -> bool:
    """Tag a user on the deal; False when they already are (also when tagged concurrently)."""
    added = insert_new(
        session=session,
        column=Collaborator.user_id,
        team_id=team_id,
        deal_id=deal_id,
        user_id=user_id,
        added_by=added_by,
        reason=reason,
        added_at=now,
    )
    return added is not None
