"""The export written as CSV: UTF-8, a header row, one row a deal."""

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import TextIO

from bot.exports.rows import HEADERS, ExportRow
from bot.imports.fields import FORMULA_START  # such text gets a leading apostrophe

NOT_TEXT = {"value"}  # an amount is never user text and never starts so


def write_csv(rows: Iterable[ExportRow], out: TextIO, names: dict[str, str] | None = None) -> int:
    """Write the header and the rows to `out`; `names` maps owner ids to their names, which
    fill the `owner` column (the id stays there when a name is unknown; `owner_id` always
    has it). Returns how many deals were written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    count = 0
    for row in rows:
        values = {**row.values, "owner": (names or {}).get(row.owner_id) or row.owner_id}
        writer.writerow([_safe(h, values.get(h, "")) for h in HEADERS])
        count += 1
    return count


def csv_text(rows: Iterable[ExportRow], names: dict[str, str] | None = None) -> str:
    """The whole export as one string."""
    out = io.StringIO()
    write_csv(rows, out, names)
    return out.getvalue()


def file_name(team_id: str, today: date) -> str:
    """The name an export is saved under: `dealbot-T0123-2026-11-30.csv`."""
    return f"dealbot-{team_id}-{today.isoformat()}.csv"


def _safe(header: str, text: str) -> str:
    if header in NOT_TEXT or not text.startswith(FORMULA_START):
        return text
    return "'" + text
