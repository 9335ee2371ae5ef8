"""Queries for the workspace's conversion rates (`/deal rate`)."""

from sqlmodel import Session, select

from storage.models import CurrencyRate


def rates(*, session: Session, team_id: str) -> list[CurrencyRate]:
    """The workspace's rates, by currency code."""
    q = select(CurrencyRate).where(CurrencyRate.team_id == team_id).order_by(CurrencyRate.currency)
    return list(session.exec(q))


def rate(*, session: Session, team_id: str, currency: str) -> CurrencyRate | None:
    """One currency's rate, if set."""
    return session.get(CurrencyRate, (team_id, currency))
