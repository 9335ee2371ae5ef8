"""Queries for /deal undo. Every one takes a team_id."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.models import Activity

UNTOLD = ("reply",)  # thread replies are Slack's own messages, not /deal changes


def last_by(*, session: Session, team_id: str, actor: str) -> Activity | None:
    """The actor's newest change in the workspace (thread replies aside)."""
    q = (
        select(Activity)
        .where(
            Activity.team_id == team_id,
            Activity.actor_id == actor,
            col(Activity.kind).not_in(UNTOLD),
        )
        .order_by(col(Activity.id).desc())
        .limit(1)
    )
    return session.exec(q).first()


def last_on(*, session: Session, team_id: str, deal_id: int) -> Activity | None:
    """The deal's newest change (thread replies aside)."""
    q = (
        select(Activity)
        .where(
            Activity.team_id == team_id,
            Activity.deal_id == deal_id,
            col(Activity.kind).not_in(UNTOLD),
        )
        .order_by(col(Activity.id).desc())
        .limit(1)
    )
    return session.exec(q).first()


def strike(*, session: Session, team_id: str, activity_id: int, now: datetime) -> bool:
    """Mark a note deleted unless it already is; False when it was."""
    q = (
        update(Activity)
        .where(
            col(Activity.id) == activity_id,
            col(Activity.team_id) == team_id,
            col(Activity.deleted_at).is_(None),
        )
        .values(deleted_at=now)
    )
    return session.execute(q).rowcount == 1
