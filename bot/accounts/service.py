"""Accounts (companies) and their contacts: many deals and many people per account."""

import re
from dataclasses import dataclass

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.common.text import clean_line
from bot.deals import matching
from bot.deals import service as deals
from bot.deals.companies import fold_company
from bot.deals.service import DealView
from bot.deals.vocab import in_every_language
from bot.i18n import N_
from storage import account_queries, queries
from storage.models import Activity, Company, Contact, Deal

ROLES = {  # translated where shown (_(label)); stored notes keep the English label
    "decision_maker": N_("Decision maker"),
    "influencer": N_("Influencer"),
    "champion": N_("Champion"),
    "user": N_("User"),
    "blocker": N_("Blocker"),
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
        raise InvalidInput("bad_email", email=email)
    return email.lower()


def check_role(role: str | None) -> str | None:
    """A buying role key from its key or name, or None."""
    if not role:
        return None
    want = matching.fold(role).replace(" ", "_")
    if want in ROLES:
        return want
    found = [k for k, label in ROLES.items() if matching.fold(role) in _names(label)]
    if not found:
        raise InvalidInput("bad_role", role=role, roles=list(ROLES.values()))
    return found[0]


def _names(label: str) -> set[str]:
    """A role's name in every language dealbot speaks, folded: `Päättäjä` is a decision maker."""
    return {matching.fold(name) for name in in_every_language(label)}


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
        raise InvalidInput("contact_needs_name")
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    if deal.company_id is None:
        raise InvalidInput("deal_has_no_company", deal=deal.number)
    existing = account_queries.contact_by_email(
        session=session, team_id=team_id, company_id=deal.company_id, email=email
    )
    if existing:
        raise InvalidInput("contact_exists", name=existing.name, email=email)
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
    return account_queries.contacts(session=session, team_id=team_id, company_id=company_id)


def find_company(*, session: Session, team_id: str, name: str) -> Company:
    """The account a user named: its exact name, or an unambiguous part of it."""
    key = fold_company(name)
    if not key:
        raise InvalidInput("account_name_missing")
    exact = queries.company_by_key(session=session, team_id=team_id, name_key=key)
    if exact and account_queries.in_use(session=session, team_id=team_id, company_id=exact.id):
        return exact
    hits = account_queries.companies_named_like(session=session, team_id=team_id, part=key)
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InvalidInput("ambiguous_account", name=name, candidates=[c.name for c in hits])
    raise InvalidInput("no_such_account", name=name)


def account(*, session: Session, team_id: str, name: str, limit: int = 200) -> Account:
    """An account's deals, contacts and combined history (newest `limit` entries)."""
    company = find_company(session=session, team_id=team_id, name=name)
    rows = account_queries.company_deals(session=session, team_id=team_id, company_id=company.id)
    return Account(
        company=company,
        deals=[deals.view(session=session, deal=d) for d in rows],
        contacts=contacts(session=session, team_id=team_id, company_id=company.id),
        history=account_queries.company_history(
            session=session, team_id=team_id, company_id=company.id, limit=limit
        ),
    )
