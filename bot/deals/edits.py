"""Changing a deal's fields, adding notes and teammates. Each change is one activity."""

import re
from datetime import date

from sqlmodel import Session

from bot.common.days import day_ahead
from bot.common.errors import InvalidInput, NotAllowed
from bot.common.money import parse_amount, stored_money
from bot.common.text import clean_line
from bot.deals import matching
from bot.deals import service as deals
from bot.deals.companies import company_for
from bot.deals.service import DealView
from bot.deals.vocab import SOURCES, in_every_language
from bot.followups import service as followups
from bot.workspaces.service import ensure_workspace
from storage import deal_queries, queries
from storage.models import Deal
from storage.types import utcnow

NOTE_MAX = 3000
NEXT_MAX = 500
FIELDS = ("value", "close", "owner", "source", "next", "name", "company")
USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def parse_close(text: str, today: date) -> date:
    """An expected close date: YYYY-MM-DD, today or later."""
    return day_ahead(text, today, "close")


def parse_source(text: str) -> str:
    """A lead source key from its key or a part of its label."""
    want = matching.fold(text)
    names = {k: [matching.fold(n) for n in in_every_language(s)] for k, s in SOURCES.items()}
    hits = [k for k in SOURCES if want == k or want in names[k]]
    hits = hits or [k for k in SOURCES if want and any(want in n for n in names[k])]
    if len(hits) != 1:
        raise InvalidInput("unknown_source", text=text, sources=list(SOURCES))
    return hits[0]


def change(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    field: str,
    value: str,
    today: date | None = None,
) -> DealView:
    """Set one field of a deal: value, close, owner, source, next, name or company."""
    if field not in FIELDS:
        raise InvalidInput("unknown_field", field=field, fields=list(FIELDS))
    deal = deals.get_to_change(session=session, team_id=team_id, ref=ref, actor=actor, kind=field)
    values, before, after = _parse(session, deal, field, value, today or utcnow().date())
    deals.update(session, deal, **values)
    deals.record(session, deal, actor, field, frm=before, to=after)
    if field == "owner" and before != after:
        add_collaborator(session, deal, before, actor, "previous owner")
    if field == "next":  # `demo by 2026-12-05`: a reminder to the owner on that day
        followups.next_step_due(session, deal, actor, after, today or utcnow().date())
    session.flush()
    return deals.view(session=session, deal=deal)


def _parse(
    session: Session, deal: Deal, field: str, text: str, today: date
) -> tuple[dict, str | None, str | None]:
    """The column values for a field, and the before and after shown in the history."""
    if field == "value":
        currency = ensure_workspace(session=session, team_id=deal.team_id).currency
        money = parse_amount(text, currency)
        return (
            {"value_minor": money.minor, "currency": money.currency},
            deals.value_text(deal),
            stored_money(money),
        )
    if field == "close":
        when = parse_close(text, today)
        old = deal.close_date.isoformat() if deal.close_date else None
        return {"close_date": when}, old, when.isoformat()
    if field == "owner":
        uid = _user(text)
        if uid == deal.owner_id:  # a handoff to oneself would post, DM and tag for nothing
            raise NotAllowed("already_owner", number=deal.number, name=deal.name, owner=uid)
        return {"owner_id": uid}, deal.owner_id, uid
    if field == "source":
        key = parse_source(text)
        return {"source": key}, deal.source, key
    if field == "next":
        step = _next(text)
        return {"next_step": step}, deal.next_step, step
    if field == "company":
        old = queries.company(session=session, team_id=deal.team_id, company_id=deal.company_id)
        new = company_for(session, deal.team_id, text)
        if new is None:
            raise InvalidInput("company_missing")
        return {"company_id": new.id}, old.name if old else None, new.name
    name = deals.check_name(text)
    return {"name": name}, deal.name, name


def _user(text: str) -> str:
    uid = text.strip()
    if not USER_ID.fullmatch(uid):
        raise InvalidInput("owner_not_a_user")
    return uid


def _next(text: str) -> str:
    text = clean_line(text)
    if not text:
        raise InvalidInput("next_step_missing")
    if len(text) > NEXT_MAX:
        raise InvalidInput("next_step_too_long", limit=NEXT_MAX)
    return text


def note(*, session: Session, team_id: str, actor: str, ref: str, text: str) -> DealView:
    """Add a note to the deal's history."""
    text = text.strip()
    if not text:
        raise InvalidInput("note_missing")
    if len(text) > NOTE_MAX:
        raise InvalidInput("note_too_long", length=len(text), limit=NOTE_MAX)
    deal = deals.get(session=session, team_id=team_id, ref=ref)
    deals.record(session, deal, actor, "note", note=text)
    deals.touch(session, deal)
    return deals.view(session=session, deal=deal)


def add_collaborator(
    session: Session, deal: Deal, user_id: str, actor: str, reason: str | None
) -> bool:
    """Tag a teammate on the deal; False when they already are (the owner always is)."""
    if user_id == deal.owner_id:
        return False
    return deal_queries.add_collaborator(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        user_id=user_id,
        added_by=actor,
        reason=reason,
        now=utcnow(),
    )


def tag(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    user_ids: list[str],
    reason: str | None = None,
) -> tuple[DealView, list[str], list[str]]:
    """Add collaborators; returns the view, who was added, and who already was."""
    if not user_ids:
        raise InvalidInput("tag_nobody")
    deal = deals.get_to_change(
        session=session, team_id=team_id, ref=ref, actor=actor, kind="tagged"
    )
    reason = clean_line(reason or "")[:NEXT_MAX] or None
    added, already = [], []
    for uid in user_ids:
        (added if add_collaborator(session, deal, uid, actor, reason) else already).append(uid)
    session.flush()
    for uid in added:
        deals.record(session, deal, actor, "tagged", to=uid, note=reason)
    session.flush()
    return deals.view(session=session, deal=deal), added, already
