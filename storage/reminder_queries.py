"""Queries for reminders: adding them, finding the due ones, claiming each day once."""

from datetime import date

from sqlalchemy import and_, or_, update
from sqlmodel import Session, select

from storage import claims
from storage.models import Deal, Reminder
from storage.types import utcnow


def add(*, session: Session, **values) -> int | None:
    """Insert a reminder; None when one from the same deal date (origin) exists."""
    return claims.insert_new(session=session, column=Reminder.id, created_at=utcnow(), **values)


def nurture_dates(*, session: Session, team_id: str, upto: date) -> list[Deal]:
    """Live deals whose Keep nurturing date has come."""
    stmt = select(Deal).where(
        Deal.team_id == team_id,
        Deal.follow_up.is_not(None),
        Deal.follow_up <= upto,
        Deal.archived_at.is_(None),
    )
    return list(session.exec(stmt))


def teams_with_reminders(*, session: Session, upto: date) -> list[str]:
    """Teams with a reminder or nurture date on or before a day (early enough for any zone)."""
    mine = select(Reminder.team_id).where(Reminder.due_on <= upto, Reminder.done_at.is_(None))
    nurtured = select(Deal.team_id).where(Deal.follow_up.is_not(None), Deal.follow_up <= upto)
    return sorted(set(session.exec(mine.distinct())) | set(session.exec(nurtured.distinct())))


def due(*, session: Session, team_id: str, upto: date) -> list[Reminder]:
    """Open reminders due on or before a day and not yet claimed for their due date."""
    stmt = select(Reminder).where(
        Reminder.team_id == team_id,
        Reminder.due_on <= upto,
        Reminder.done_at.is_(None),
        or_(Reminder.sent_on.is_(None), Reminder.sent_on < Reminder.due_on),
    )
    return list(session.exec(stmt.order_by(Reminder.id)))


def claim(*, session: Session, reminder: Reminder) -> bool:
    """Mark the reminder claimed for its due date; of two replicas only one gets True."""
    stmt = (
        update(Reminder)
        .where(
            Reminder.id == reminder.id,
            Reminder.due_on == reminder.due_on,
            Reminder.done_at.is_(None),
            or_(Reminder.sent_on.is_(None), Reminder.sent_on < reminder.due_on),
        )
        .values(sent_on=reminder.due_on)
    )
    return session.execute(stmt).rowcount == 1


def get(*, session: Session, team_id: str, reminder_id: int) -> Reminder | None:
    """One reminder of a team."""
    r = session.get(Reminder, reminder_id)
    return r if r is not None and r.team_id == team_id else None


def open_for(*, session: Session, team_id: str, deal_id: int) -> list[Reminder]:
    """A deal's reminders not done yet, soonest first."""
    stmt = select(Reminder).where(
        and_(Reminder.team_id == team_id, Reminder.deal_id == deal_id),
        Reminder.done_at.is_(None),
    )
    return list(session.exec(stmt.order_by(Reminder.due_on)))
