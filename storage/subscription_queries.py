"""Queries for digest subscriptions, their runs and nudge runs."""

from datetime import date

from sqlmodel import Session, col, select

from storage.models import DigestRun, DigestSubscription, NudgeRun, Workspace


def subscription_for_channel(
    *, session: Session, team_id: str, channel: str
) -> DigestSubscription | None:
    """The channel's subscription, if it has one."""
    q = select(DigestSubscription).where(
        DigestSubscription.team_id == team_id, DigestSubscription.channel_id == channel
    )
    return session.exec(q).first()


def active_subscriptions(*, session: Session) -> list[DigestSubscription]:
    """Every workspace's running subscriptions, oldest first (none of a paused workspace)."""
    q = (
        select(DigestSubscription)
        .join(Workspace, col(Workspace.team_id) == DigestSubscription.team_id)
        .where(DigestSubscription.active, col(Workspace.paused_at).is_(None))
        .order_by(col(DigestSubscription.id))
    )
    return list(session.exec(q))


def last_posted_run(*, session: Session, subscription_id: int) -> DigestRun | None:
    """The subscription's most recent posted run."""
    q = (
        select(DigestRun)
        .where(DigestRun.subscription_id == subscription_id, col(DigestRun.posted_at).is_not(None))
        .order_by(col(DigestRun.local_date).desc())
        .limit(1)
    )
    return session.exec(q).first()


def nudged_on(*, session: Session, team_id: str, day: date) -> bool:
    """Whether the team's nudges for that local date were already claimed."""
    q = select(NudgeRun.user_id).where(NudgeRun.team_id == team_id, NudgeRun.local_date == day)
    return session.exec(q.limit(1)).first() is not None


def team_ids(*, session: Session, limit: int) -> list[str]:
    """Up to `limit` workspace ids of the database."""
    return list(session.exec(select(Workspace.team_id).limit(limit)))
