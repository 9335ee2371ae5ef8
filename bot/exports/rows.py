"""What an export says about each deal: its current fields, one row a deal.

The first columns are the import's fields (`bot/imports/fields.py`, in its order), so an
export imports back with no flags; the columns after them say more for a reader and
are ignored by the import.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session

from bot.accounts.service import ROLES
from bot.common.money import minor_digits
from bot.imports.fields import GENERIC_HEADERS
from storage import export_queries as q
from storage.models import Contact, Deal, Stage

# Columns after the import's own: none of them is a name the import reads as a field.
EXTRA_HEADERS: tuple[str, ...] = (
    "number",
    "owner_id",
    "outcome",
    "expected_close",
    "closed_on",
    "archived_on",
    "contacts",
)
HEADERS: tuple[str, ...] = (*GENERIC_HEADERS, *EXTRA_HEADERS)


@dataclass(frozen=True)
class ExportRow:
    """One deal as exported (the owner's name goes in `owner` when the CSV is written)."""

    values: dict[str, str]
    owner_id: str


def export_rows(*, session: Session, team_id: str, archived: bool = False) -> list[ExportRow]:
    """Every live deal of the workspace (archived ones too when `archived`), by number."""
    closes = q.last_closes(session=session, team_id=team_id)
    people = q.contacts(session=session, team_id=team_id)
    return [
        _row(team_id, deal, stage, company, closes.get(deal.id or 0), people)
        for deal, stage, company in q.deals(session=session, team_id=team_id, archived=archived)
    ]


def owner_ids(rows: list[ExportRow]) -> list[str]:
    """The owners the rows name, each once, in order of first appearance."""
    return list(dict.fromkeys(r.owner_id for r in rows))


def _row(
    team_id: str,
    deal: Deal,
    stage: Stage,
    company: str | None,
    closed_at: datetime | None,
    people: dict[int, list[Contact]],
) -> ExportRow:
    closed = stage.kind in ("won", "lost")
    closed_on = _day(closed_at) if closed else ""
    values = {
        # A deal that came from an import keeps its id there; others get one unique to
        # this workspace's deal, so two exports of one deal carry the same id.
        "external_id": deal.external_id or f"{team_id}-{deal.number}",
        "name": deal.name,
        "company": company or "",
        "value": value_text(deal.value_minor, deal.currency),
        "currency": deal.currency,
        "stage": stage.name,
        "owner": deal.owner_id,  # their name, when Slack tells it (csv_file.write_csv)
        "source": deal.source or "",
        "created": _day(deal.created_at),
        # The import's close_date: the actual close of a won or lost deal, else expected.
        "close_date": closed_on if closed else _day(deal.close_date),
        "lost_reason": (deal.lost_reason or "") if stage.kind == "lost" else "",
        "next_step": deal.next_step or "",
        "number": str(deal.number),
        "owner_id": deal.owner_id,  # the import reads this first
        "outcome": stage.kind,
        "expected_close": _day(deal.close_date),
        "closed_on": closed_on,
        "archived_on": _day(deal.archived_at),
        "contacts": contacts_text(people.get(deal.company_id or 0, [])),
    }
    return ExportRow(values=values, owner_id=deal.owner_id)


def value_text(value_minor: int | None, currency: str) -> str:
    """An amount in major units, plain (`12000`, `12000.5`); empty when unknown."""
    if value_minor is None:
        return ""
    amount = Decimal(value_minor).scaleb(-minor_digits(currency))
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def contacts_text(contacts: list[Contact]) -> str:
    """The account's people in one cell: `Ann Lee <ann@acme.com>, CFO, Decision maker; …`."""
    out = []
    for c in contacts:
        who = f"{c.name} <{c.email}>" if c.email else c.name
        parts = [who, c.title or "", ROLES.get(c.role or "", c.role or "")]
        out.append(", ".join(p for p in parts if p))
    return "; ".join(out)


def _day(when: date | datetime | None) -> str:
    if when is None:
        return ""
    return (when.date() if isinstance(when, datetime) else when).isoformat()
