"""Editing and removing an account's contacts, and their marketing consent.

A contact is named by its email address within the deal's account. Each change is
recorded in the deal's history (a removed contact stays there by name).
"""

from sqlmodel import Session

from bot.accounts.service import check_email, check_role
from bot.common.errors import InvalidInput
from bot.common.text import clean_line
from bot.deals import service as deals
from bot.deals.service import DealView
from storage import account_queries
from storage.models import Contact, Deal

FIELDS = ("name", "email", "title", "role")
YES, NO = ("yes", "y", "on", "true", "opted in"), ("no", "n", "off", "false", "opted out")


def _find(session: Session, team_id: str, ref: str, email: str) -> tuple[Deal, Contact]:
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    if deal.company_id is None:
        raise InvalidInput("deal_has_no_company", deal=deal.number)
    email = check_email(email)
    found = account_queries.contact_by_email(
        session=session, team_id=team_id, company_id=deal.company_id, email=email
    )
    if found is None:
        raise InvalidInput("no_such_contact", email=email, deal=deal.number)
    return deal, found


def edit(
    *, session: Session, team_id: str, actor: str, ref: str, email: str, field: str, value: str
) -> tuple[DealView, Contact]:
    """Set a contact's name, email, title or role."""
    deal, c = _find(session, team_id, ref, email)
    if field not in FIELDS:
        raise InvalidInput("contact_field", field=field, fields=list(FIELDS))
    value = clean_line(value)
    if field == "name":
        if not value:
            raise InvalidInput("contact_needs_name")
        c.name = value[:200]
    elif field == "email":
        new = check_email(value)
        other = account_queries.contact_by_email(
            session=session, team_id=team_id, company_id=c.company_id, email=new
        )
        if other is not None and other.id != c.id:
            raise InvalidInput("contact_exists", name=other.name, email=new)
        c.email = new
    elif field == "title":
        c.title = value[:200] or None
    else:
        c.role = check_role(value)
    session.add(c)
    deals.record(session, deal, actor, "contact_edited", to=c.name, note=f"{field}: {value}"[:500])
    session.flush()
    return deals.view(session=session, deal=deal), c


def remove(*, session: Session, team_id: str, actor: str, ref: str, email: str) -> DealView:
    """Take a person off the account; the history keeps their name."""
    deal, c = _find(session, team_id, ref, email)
    deals.record(session, deal, actor, "contact_removed", frm=c.name)
    session.delete(c)
    session.flush()
    return deals.view(session=session, deal=deal)


def consent(
    *, session: Session, team_id: str, actor: str, ref: str, email: str, answer: str
) -> tuple[DealView, Contact]:
    """Record whether the person agreed to marketing email."""
    deal, c = _find(session, team_id, ref, email)
    word = answer.strip().casefold()
    if word not in YES + NO:
        raise InvalidInput("consent_answer", answer=answer)
    c.marketing_consent = word in YES
    session.add(c)
    note = "marketing consent: " + ("yes" if c.marketing_consent else "no")
    deals.record(session, deal, actor, "contact_edited", to=c.name, note=note)
    session.flush()
    return deals.view(session=session, deal=deal), c
