"""Reading an import file: CSV records to checked rows, or refusals with their line numbers.

Nothing here touches the database or Slack. A row's problems are found here (a missing
name, a date or amount that does not read, a closed deal with no close date before its
creation); the file's stages and people are matched later, all at once.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.common.errors import InvalidAmount, InvalidInput
from bot.common.money import CURRENCIES, STORED, Money, parse_amount
from bot.common.text import clean_line
from bot.deals import edits
from bot.deals.service import NAME_MAX
from bot.i18n import N_, _
from bot.imports.fields import CLOSED_ON, OWNER_ID, STATUS, recognise, unguard

TEXT_MAX = 500  # next step, lost reason (their columns' size)
SOURCE_MAX = 40
EXTERNAL_ID_MAX = 100
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: .*)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?: .*)?")


class RowProblem(ValueError):
    """Why a row cannot be imported, in words for the person who made the file."""


@dataclass
class Row:
    """One deal of the file, read and checked; stage and owner still as the file says."""

    line: int
    external_id: str
    name: str
    company: str | None
    amount: Money | None
    currency: str | None  # the row's currency column, when it has one
    stage: str
    status: str | None
    owner: str
    owner_id: str | None
    source: str | None
    created: date | None
    close: date | None  # close_date: actual close when won or lost, else expected
    closed_on: date | None  # a separate actual-close column (Pipedrive's won/lost time)
    lost_reason: str | None
    next_step: str | None


@dataclass
class Refusal:
    """A row not imported: its line (the header is line 1) and why."""

    line: int
    why: str


def records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each non-blank record with the line it starts on (header = line 1)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = next(reader, None)
    if header is None:
        return [], []
    found, last = [], reader.line_num
    for record in reader:
        if any(cell.strip() for cell in record):
            found.append((last + 1, record))
        last = reader.line_num
    return header, found


def parse_date(text: str, fmt: str | None = None) -> date | None:
    """ISO (2017-03-01, with or without a time), MM/DD/YYYY or DD.MM.YYYY; or `fmt`."""
    text = text.strip()
    if not text:
        return None
    try:
        if fmt:
            return datetime.strptime(text, fmt).date()
        for pattern, order in ((_ISO, (0, 1, 2)), (_US, (2, 0, 1)), (_DOTTED, (2, 1, 0))):
            m = pattern.fullmatch(text)
            if m:
                y, mo, d = (int(m.group(i + 1)) for i in order)
                return date(y, mo, d)
    except ValueError:
        pass
    if fmt:
        said = _("the date “{text}” is not a date in the format {format}")
    else:
        said = _("the date “{text}” is not a date in YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY")
    raise RowProblem(said.format(text=text, format=fmt))


def stable_id(name: str, company: str | None, created: str, occurrence: int) -> str:
    """An id for a row without one: the same row of the same file gets the same id."""
    key = "\x1f".join((name.casefold(), (company or "").casefold(), created, str(occurrence)))
    return "row-" + hashlib.sha256(key.encode()).hexdigest()[:20]


class Reader:
    """Turns the file's records into rows, given the column mapping and date format."""

    def __init__(
        self, header: list[str], mapping: dict[str, str], date_format: str | None, currency: str
    ) -> None:
        self.columns = recognise(header, mapping)
        self.date_format = date_format
        self.currency = currency
        self.seen_ids: dict[str, int] = {}
        self.identities: dict[tuple, int] = {}

    def fields(self) -> set[str]:
        """The fields the file has a column for."""
        return set(self.columns.values())

    def read(self, line: int, record: list[str]) -> Row:
        """The row of one record, or RowProblem."""
        cell: dict[str, str] = {}
        for i, f in self.columns.items():  # a repeatable field: the first column filled
            if not cell.get(f):
                cell[f] = unguard(record[i].strip()) if i < len(record) else ""
        name = clean_line(cell.get("name", ""))
        if not name:
            raise RowProblem(_("the deal has no name"))
        if len(name) > NAME_MAX:
            raise RowProblem(
                _("the name is {n} characters long; the most is {most}").format(
                    n=len(name), most=NAME_MAX
                )
            )
        company = clean_line(cell.get("company", "")) or None
        created = parse_date(cell.get("created", ""), self.date_format)
        close = parse_date(cell.get("close_date", ""), self.date_format)
        closed_on = parse_date(cell.get(CLOSED_ON, ""), self.date_format)
        currency = cell.get("currency", "").upper() or None
        if currency and currency not in CURRENCIES:
            raise RowProblem(
                _("the currency “{code}” is not an ISO currency code").format(code=currency)
            )
        return Row(
            line=line,
            external_id=self._external_id(line, cell, name, company),
            name=name,
            company=company,
            amount=self._amount(cell.get("value", ""), currency),
            currency=currency,
            stage=clean_line(cell.get("stage", "")),
            status=clean_line(cell.get(STATUS, "")).casefold() or None,
            owner=clean_line(cell.get("owner", "")),
            owner_id=clean_line(cell.get(OWNER_ID, "")) or None,
            source=_source(cell.get("source", "")),
            created=created,
            close=close,
            closed_on=closed_on,
            lost_reason=_text(cell.get("lost_reason", ""), N_("the lost reason")),
            next_step=_text(cell.get("next_step", ""), N_("the next step")),
        )

    def _amount(self, text: str, currency: str | None) -> Money | None:
        if not text.strip():
            return None
        try:
            return parse_amount(text, currency or self.currency, STORED)  # a file, not a reader
        except (InvalidAmount, ValueError):
            said = _("the value “{text}” is not an amount").format(text=text.strip())
            raise RowProblem(said) from None

    def _external_id(self, line: int, cell: dict[str, str], name: str, company: str | None) -> str:
        given = clean_line(cell.get("external_id", ""))
        if given:
            if len(given) > EXTERNAL_ID_MAX:
                raise RowProblem(
                    _("the external id is longer than {most} characters").format(
                        most=EXTERNAL_ID_MAX
                    )
                )
            if given in self.seen_ids:
                raise RowProblem(
                    _("the external id {id} is also on line {line}").format(
                        id=given, line=self.seen_ids[given]
                    )
                )
            self.seen_ids[given] = line
            return given
        identity = (name.casefold(), (company or "").casefold(), cell.get("created", ""))
        occurrence = self.identities.get(identity, 0) + 1
        self.identities[identity] = occurrence
        return stable_id(name, company, cell.get("created", ""), occurrence)


def _text(text: str, what: str) -> str | None:
    text = clean_line(text)
    if len(text) > TEXT_MAX:
        raise RowProblem(
            _("{what} is {n} characters long; the most is {most}").format(
                what=_(what), n=len(text), most=TEXT_MAX
            )
        )
    return text or None


def _source(text: str) -> str | None:
    """A known source key when the text names one, else the text itself (cut to fit)."""
    text = clean_line(text)
    if not text:
        return None
    try:
        return edits.parse_source(text)
    except InvalidInput:  # not one of dealbot's sources: kept as the file says
        return text[:SOURCE_MAX]
