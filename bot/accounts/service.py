"""Accounts (companies) and their contacts: many deals and many people per account."""

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.common.errors import InvalidInput
from bot.common.text import clean_line
from bot.deals import matching
from bot.deals import service as deals
from bot.deals.service import DealView
from handlers.kit.mrkdwn import escape
from storage import queries
from storage.models import Activity, Company, Contact, Deal

ROLES = {
    "decision_maker": "Decision maker",
    "influencer": "Influencer",
    "champion": "Champion",
    "user": "User",
    "blocker": "Blocker",
}
EMAIL = re.compile(r"[^@\s<>|]+@[^@\s<>|]+\.[^@\s<>|]+")


@dataclass
class Account:
    """A company with its deals, its people, and the combined history of its deals."""

    company: Company
    deals: list[DealView]
    contacts: list[Contact]
    history: list[tuple[Deal, Activity]]


def check_email(email: str) -> str:
    """An email address, lower-cased, or an error saying what would work."""
    email = email.strip()
    if not EMAIL.fullmatch(email):
        raise InvalidInput(
            f"`{escape(email)}` is not an email address; write it like `ann@acme.com`."
        )
    return email.lower()


def check_role(role: str | None) -> str | None:
    """A buying role key from its key or name, or None."""
    if not role:
        return None
    want = matching.fold(role).replace(" ", "_")
    if want in ROLES:
        return want
    found = [k for k, label in ROLES.items() if matching.fold(label) == matching.fold(role)]
    if not found:
        raise InvalidInput(
            f"`{escape(role)}` is not a buying role; use one of: " + ", ".join(ROLES.values()) + "."
        )
    return found[0]


def add_contact(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    name: str,
    email: str,
    title: str | None = None,
    role: str | None = None,
) -> tuple[DealView, Contact]:
    """Add a person to the deal's company (its account)."""
    name, email = clean_line(name), check_email(email)
    if not name:
        raise InvalidInput("A contact needs a name: `/deal contact 12 Ann Lee ann@acme.com CFO`.")
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    if deal.company_id is None:
        raise InvalidInput(
            f"#{deal.number} has no company yet; set it first: "
            f"`/deal set {deal.number} company Acme Corp`."
        )
    existing = session.exec(
        select(Contact).where(
            Contact.team_id == team_id,
            Contact.company_id == deal.company_id,
            Contact.email == email,
        )
    ).first()
    if existing:
        raise InvalidInput(
            f"{escape(existing.name)} <{escape(email)}> is already a contact of this account."
        )
    contact = Contact(
        team_id=team_id,
        company_id=deal.company_id,
        name=name[:200],
        email=email,
        title=clean_line(title or "")[:200] or None,
        role=check_role(role),
    )
    session.add(contact)
    deals.record(session, deal, actor, "contact", to=name[:200], note=_who(contact))
    session.flush()
    return deals.view(session=session, deal=deal), contact


def _who(c: Contact) -> str | None:
    parts = [c.title, ROLES.get(c.role or "")]
    return ", ".join(p for p in parts if p) or None


def contacts(*, session: Session, team_id: str, company_id: int | None) -> list[Contact]:
    """The people of an account, in the order they were added."""
    if company_id is None:
        return []
    q = (
        select(Contact)
        .where(Contact.team_id == team_id, Contact.company_id == company_id)
        .order_by(col(Contact.id))
    )
    return list(session.exec(q))


def find_company(*, session: Session, team_id: str, name: str) -> Company:
    """The account a user named: its exact name, or an unambiguous part of it."""
    key = matching.fold(name)
    if not key:
        raise InvalidInput("Which account? e.g. `/deal account Acme Corp`.")
    exact = queries.company_by_key(session=session, team_id=team_id, name_key=key)
    if exact:
        return exact
    q = (
        select(Company)
        .where(Company.team_id == team_id, col(Company.name_key).contains(key, autoescape=True))
        .limit(10)
    )
    hits = list(session.exec(q))
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InvalidInput(
            f"“{escape(name)}” fits several accounts: "
            + ", ".join(escape(c.name) for c in hits)
            + ". Say which one."
        )
    raise InvalidInput(
        f"No account is called “{escape(name)}”. Accounts are made when a deal "
        "names its company (`/deal set 12 company Acme Corp`)."
    )


def account(*, session: Session, team_id: str, name: str, limit: int = 200) -> Account:
    """An account's deals, contacts and combined history (newest `limit` entries)."""
    company = find_company(session=session, team_id=team_id, name=name)
    rows = list(
        session.exec(
            select(Deal)
            .where(Deal.team_id == team_id, Deal.company_id == company.id)
            .order_by(col(Deal.number))
        )
    )
    views = [deals.view(session=session, deal=d) for d in rows]
    q = (
        select(Deal, Activity)
        .join(Activity, col(Activity.deal_id) == Deal.id)
        .where(Deal.team_id == team_id, Deal.company_id == company.id, Activity.team_id == team_id)
        .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        .limit(limit)
    )
    history = list(reversed([(d, a) for d, a in session.exec(q)]))
    return Account(
        company=company,
        deals=views,
        contacts=contacts(session=session, team_id=team_id, company_id=company.id),
        history=history,
    )
