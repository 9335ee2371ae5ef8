"""Leads and notes from Slack messages: where a deal came from, and its source contact."""

import contextlib
from dataclasses import dataclass

from sqlmodel import Session

from bot.accounts import service as accounts
from bot.common.errors import DomainError
from bot.deals import matching
from bot.deals import service as deals
from bot.deals.service import DealView
from storage import queries, shortcut_queries
from storage.models import Activity, Deal, Stage

FROM_MESSAGE = shortcut_queries.FROM_MESSAGE
OPTIONS_MAX = 100  # Slack shows at most 100 options in a select


@dataclass(frozen=True)
class Origin:
    """The Slack message a lead is created from: where it is, its link, and who wrote it
    when they are not a teammate (the lead's source contact)."""

    channel: str
    ts: str
    link: str
    contact_name: str | None = None
    contact_email: str | None = None


def record_origin(*, session: Session, view: DealView, actor: str, origin: Origin) -> Activity:
    """Keep the message in the new deal's history (its link), and its author as a contact
    of the deal's company when they are not a teammate and the deal has a company."""
    who = origin.contact_name
    if who and origin.contact_email:
        who = f"{who} ({origin.contact_email})"
    # Recorded as part of the creation (whoever may create a lead may say where it came
    # from), so the owner's rights are not asked as for a later change.
    row = Activity(
        team_id=view.deal.team_id,
        deal_id=view.deal.id,
        actor_id=actor,
        kind=FROM_MESSAGE,
        from_value=origin.channel,
        to_value=origin.link,
        note=who,
        message_ts=origin.ts,
    )
    session.add(row)
    deals.recorded(session, row)
    if origin.contact_name and origin.contact_email and view.deal.company_id is not None:
        # Already a contact, or an address we cannot keep: the link and the name stay.
        with contextlib.suppress(DomainError):
            accounts.add_contact(
                session=session,
                team_id=view.deal.team_id,
                actor=actor,
                ref=str(view.deal.number),
                name=origin.contact_name,
                email=origin.contact_email,
            )
    session.flush()
    return row


def deal_choices(*, session: Session, team_id: str, typed: str) -> list[tuple[Deal, Stage]]:
    """Deals, open and closed, that a typed number or part of a name names: the numbered
    deal first, then names containing the text, newest first; at most OPTIONS_MAX."""
    typed = " ".join(typed.split())[: deals.NAME_MAX]
    stages = {s.id: s for s in queries.stages(session=session, team_id=team_id)}
    found: list[Deal] = []
    number = matching.parse_number(typed) if typed else None
    if number is not None:
        exact = queries.deal_by_number(session=session, team_id=team_id, number=number)
        found += [exact] if exact else []
    found += [
        d
        for d in queries.deals_named_like(
            session=session, team_id=team_id, part=typed.lstrip("#"), limit=OPTIONS_MAX
        )
        if d not in found
    ]
    out = []
    for d in found[:OPTIONS_MAX]:
        stage = stages.get(d.stage_id) or queries.stage_by_id(
            session=session, team_id=team_id, stage_id=d.stage_id
        )
        if stage is not None:
            out.append((d, stage))
    return out
