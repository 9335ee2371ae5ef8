"""The workspace currency and conversion rates set by hand (`/deal currency`, `/deal rate`).

Admins change either (the commands ask bot/teams/access.py); who did it and when is kept.
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

from bot.common.money import CURRENCIES, Rates
from bot.workspaces.service import ensure_workspace
from storage import rate_queries
from storage.models import CurrencyRate
from storage.types import utcnow


@dataclass(frozen=True)
class CurrencyInfo:
    """The workspace currency, who set it, and the rates."""

    currency: str
    set_by: str | None
    rates: list[CurrencyRate]


def known(code: str) -> str | None:
    """The ISO 4217 code dealbot knows, upper-cased, or None."""
    upper = code.strip().upper()
    return upper if len(upper) == 3 and upper in CURRENCIES else None


def info(*, session: Session, team_id: str) -> CurrencyInfo:
    """The workspace currency and its rates."""
    ws = ensure_workspace(session=session, team_id=team_id)
    return CurrencyInfo(
        ws.currency, ws.currency_set_by, rate_queries.rates(session=session, team_id=team_id)
    )


def set_currency(*, session: Session, team_id: str, actor: str, currency: str) -> str:
    """Make `currency` the workspace currency; returns the one it replaced.

    Rates are relative to the workspace currency, so a change clears them (they would now
    mean something else)."""
    ws = ensure_workspace(session=session, team_id=team_id)
    before = ws.currency
    ws.currency, ws.currency_set_by, ws.currency_set_at = currency, actor, utcnow()
    session.add(ws)
    if before != currency:
        for row in rate_queries.rates(session=session, team_id=team_id):
            session.delete(row)
    session.flush()
    return before


def set_rate(
    *, session: Session, team_id: str, actor: str, currency: str, rate: Decimal | None
) -> CurrencyRate | None:
    """Set (or with None, remove) 1 `currency` = `rate` of the workspace currency."""
    ensure_workspace(session=session, team_id=team_id)
    row = rate_queries.rate(session=session, team_id=team_id, currency=currency)
    if rate is None:
        if row is not None:
            session.delete(row)
        return None
    row = row or CurrencyRate(team_id=team_id, currency=currency, rate="", set_by=actor)
    row.rate, row.set_by, row.set_at = str(rate), actor, utcnow()
    session.add(row)
    session.flush()
    return row


def rates(*, session: Session, team_id: str) -> Rates:
    """The workspace currency and its rates, for converting."""
    ws = ensure_workspace(session=session, team_id=team_id)
    found = rate_queries.rates(session=session, team_id=team_id)
    return Rates(ws.currency, {r.currency: Decimal(r.rate) for r in found})
