"""What an import file would do: each row checked, matched, and compared with the deal of
its external id (new, changed, unchanged, or refused with its line and why).

Dates from the file are days; an import stamps them at 00:00 UTC of that day. A date the
file lacks: an open deal was created at the import; a closed deal without a created date
was created on its close date; a won or lost deal without a close date closed at the
import. A lost deal whose value is 0 has an unknown value (NULL), not $0.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from bot.common.money import Money
from bot.deals.companies import COMPANY_NAME_MAX, fold_company
from bot.i18n import _
from bot.imports.fields import FIELDS
from bot.imports.match import MappingError, People, Stages
from bot.imports.parse import Reader, Refusal, Row, RowProblem, records
from storage import import_queries as iq
from storage.models import Deal, Stage


@dataclass
class Incoming:
    """A row ready to write: its stages, owner, value and moments."""

    row: Row
    stage: Stage  # where the deal ends up
    entry: Stage  # the open stage it was created in
    closed_from: Stage | None  # the open stage a won/lost row names (Pipedrive), else None
    owner: str
    value_minor: int | None
    currency: str
    created_at: datetime
    closed_at: datetime | None

    @property
    def close_date(self) -> date | None:
        """The deal's close date: the actual close of a won or lost deal, else expected."""
        if self.stage.kind != "open":
            return self.row.closed_on or self.row.close
        return self.row.close

    @property
    def company(self) -> str | None:
        """The company name as it will be stored."""
        return self.row.company[:COMPANY_NAME_MAX] if self.row.company else None

    @property
    def company_key(self) -> str | None:
        """The company's folded name."""
        return fold_company(self.company) if self.company else None


@dataclass
class Plan:
    """Everything the file would change, and what stops it."""

    team_id: str
    rows: int = 0
    new: list[Incoming] = field(default_factory=list)
    changed: list[tuple[Incoming, Deal]] = field(default_factory=list)
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    unknown_stages: dict[str, list[int]] = field(default_factory=dict)
    unknown_people: dict[str, list[int]] = field(default_factory=dict)
    stages: list[Stage] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """Unknown stages or people: nothing is written until they are mapped."""
        return bool(self.unknown_stages or self.unknown_people)


def day_start(day: date) -> datetime:
    """A file's date as a moment: 00:00 UTC of that day."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def check_mapping(header: list[str], mapping: dict[str, str]) -> None:
    """Each `--map COLUMN=FIELD` names a column of the file and a field of the import."""
    folded = {h.strip().casefold() for h in header}
    for column, fld in mapping.items():
        if fld not in FIELDS:
            raise MappingError(
                _(
                    '--map "{column}={field}": {field} is not a field; the fields are {fields}'
                ).format(column=column, field=fld, fields=", ".join(FIELDS))
            )
        if column.strip().casefold() not in folded:
            raise MappingError(
                _(
                    '--map "{column}={field}": the file has no column {column}; its columns are '
                    "{columns}"
                ).format(column=column, field=fld, columns=", ".join(header))
            )


def plan(
    *,
    session,
    team_id: str,
    text: str,
    currency: str,
    stages: Stages,
    people: People,
    mapping: dict[str, str],
    date_format: str | None,
    now: datetime,
) -> Plan:
    """Read the file and compare it with the workspace; writes nothing."""
    header, found = records(text)
    if not header:
        raise MappingError(_("the file is empty: it needs a header row and one row per deal"))
    check_mapping(header, mapping)
    reader = Reader(header, mapping, date_format, currency)
    if "name" not in reader.fields():
        raise MappingError(
            _(
                "no column names the deal: the columns are {columns}; say which one with --map "
                '"COLUMN=name"'
            ).format(columns=", ".join(header))
        )
    result = Plan(team_id=team_id, rows=len(found), stages=stages.stages)
    ready: list[Incoming] = []
    for line, record in found:
        try:
            incoming = _incoming(reader.read(line, record), stages, people, currency, now)
        except RowProblem as e:
            result.refused.append(Refusal(line, str(e)))
            continue
        if incoming is not None:
            ready.append(incoming)
    result.unknown_stages, result.unknown_people = stages.unknown, people.unknown
    if result.blocked:
        return result
    existing = iq.deals_by_external_id(
        session=session, team_id=team_id, ids=[i.row.external_id for i in ready]
    )
    names = iq.company_names(
        session=session,
        team_id=team_id,
        ids=[d.company_id for d in existing.values() if d.company_id],
    )
    for incoming in ready:
        deal = existing.get(incoming.row.external_id)
        if deal is None:
            result.new.append(incoming)
        elif deal.archived_at is not None:
            result.refused.append(
                Refusal(
                    incoming.row.line,
                    _(
                        "deal #{number} is archived; restore it first to update it from a file"
                    ).format(number=deal.number),
                )
            )
        elif same(incoming, deal, names.get(deal.company_id)):
            result.unchanged += 1
        else:
            result.changed.append((incoming, deal))
    result.new.sort(key=lambda i: (i.created_at, i.row.line))  # numbered in order of creation
    return result


def _incoming(row: Row, stages: Stages, people: People, currency: str, now: datetime):
    """The row matched and dated, None when its stage or owner is unknown (noted there)."""
    named = stages.find(row.stage, row.line)
    outcome = stages.outcome(row.status)
    owner = people.find(row.owner, row.owner_id, row.line)
    if named is None or (owner is None and row.owner):
        return None
    if owner is None:
        raise RowProblem("the deal has no owner; name one, or give --default-owner U…")
    stage = outcome or named
    closed_from = named if outcome is not None and named.kind == "open" and row.stage else None
    entry = stage if stage.kind == "open" else (closed_from or stages.first_open)
    closed = stage.kind != "open"
    closed_on = (row.closed_on or row.close) if closed else None
    close_at = day_start(closed_on) if closed_on else (now if closed else None)
    created_at = day_start(row.created) if row.created else (close_at or now)
    if created_at > now:
        raise RowProblem(f"it was created on {row.created}, which is in the future")
    if close_at is not None and close_at > now:
        raise RowProblem(f"it was {stage.kind} on {closed_on}, which is in the future")
    if close_at is not None and close_at < created_at:
        raise RowProblem(f"it closed on {closed_on}, before it was created on {row.created}")
    amount: Money | None = row.amount
    value = amount.minor if amount else None
    if stage.kind == "lost" and value == 0:
        value = None  # a lost deal of unknown value, not a $0 loss
    return Incoming(
        row=row,
        stage=stage,
        entry=entry,
        closed_from=closed_from,
        owner=owner,
        value_minor=value,
        currency=amount.currency if amount else (row.currency or currency),
        created_at=created_at,
        closed_at=close_at,
    )


def columns(i: Incoming) -> dict:
    """The deal's columns the file sets (company aside: it is an id)."""
    return {
        "name": i.row.name,
        "value_minor": i.value_minor,
        "currency": i.currency,
        "stage_id": i.stage.id,
        "owner_id": i.owner,
        "source": i.row.source,
        "close_date": i.close_date,
        "next_step": i.row.next_step,
        "lost_reason": i.row.lost_reason if i.stage.kind == "lost" else None,
    }


def same(i: Incoming, deal: Deal, company: str | None) -> bool:
    """The deal already is as the row says (a row without a date keeps the deal's)."""
    if any(getattr(deal, k) != v for k, v in columns(i).items()):
        return False
    if (company and fold_company(company)) != i.company_key:
        return False
    if i.row.created and deal.created_at != i.created_at:
        return False
    return not (i.closed_at and i.close_date and deal.stage_changed_at != i.closed_at)
