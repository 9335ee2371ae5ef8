"""Queries of accounts: companies, their people, their deals and their combined history."""

from sqlalchemy import exists, or_
from sqlmodel import Session, col, select

from storage.models import Activity, Company, Contact, Deal


def contact_by_email(
    *, session: Session, team_id: str, company_id: int, email: str
) -> Contact | None:
    """The account's contact with this (lower-cased) email address."""
    q = select(Contact).where(
        Contact.team_id == team_id, Contact.company_id == company_id, Contact.email == email
    )
    return session.exec(q).first()


def contacts(*, session: Session, team_id: str, company_id: int) -> list[Contact]:
    """The people of an account, in the order they were added."""
    q = (
        select(Contact)
        .where(Contact.team_id == team_id, Contact.company_id == company_id)
        .order_by(col(Contact.id))
    )
    return list(session.exec(q))


def companies_named_like(
    *, session: Session, team_id: str, part: str, limit: int = 10
) -> list[Company]:
    """Companies in use (with a deal or a contact) whose folded name contains `part` (taken
    literally, not as a pattern)."""
    q = (
        select(Company)
        .where(
            Company.team_id == team_id,
            col(Company.name_key).contains(part, autoescape=True),
            or_(_has(Deal, Company.id), _has(Contact, Company.id)),
        )
        .limit(limit)
    )
    return list(session.exec(q))


def in_use(*, session: Session, team_id: str, company_id: int) -> bool:
    """Whether the company has a deal or a contact: an account left with neither (its deal
    moved to another company) is kept for history but offered to no one."""
    q = select(Company.id).where(
        Company.team_id == team_id,
        Company.id == company_id,
        or_(_has(Deal, Company.id), _has(Contact, Company.id)),
    )
    return session.exec(q).first() is not None


def _has(model: type[Deal] | type[Contact], company_id: object) -> object:
    return exists().where(model.team_id == Company.team_id, model.company_id == company_id)


def company_deals(*, session: Session, team_id: str, company_id: int) -> list[Deal]:
    """The account's deals by number."""
    q = (
        select(Deal)
        .where(Deal.team_id == team_id, Deal.company_id == company_id)
        .order_by(col(Deal.number))
    )
    return list(session.exec(q))


def company_history(
    *, session: Session, team_id: str, company_id: int, limit: int
) -> list[tuple[Deal, Activity]]:
    """The newest `limit` activities of the account's deals, oldest first, with their deal."""
    q = (
        select(Deal, Activity)
        .join(Activity, col(Activity.deal_id) == Deal.id)
        .where(Deal.team_id == team_id, Deal.company_id == company_id, Activity.team_id == team_id)
        .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        .limit(limit)
    )
    return list(reversed([(d, a) for d, a in session.exec(q)]))
