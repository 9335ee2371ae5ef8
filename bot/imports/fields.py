"""The import's fields and how CSV column names map onto them.

One place for both directions: `dealbot import` recognises HubSpot, Pipedrive,
Salesforce and generic headers through `recognise`; `dealbot export` writes
`GENERIC_HEADERS` so its file re-imports with no flags.
"""

import re

# The FIELD names of `--map COLUMN=FIELD` (contract: keep exact, keep order).
FIELDS: tuple[str, ...] = (
    "external_id",
    "name",
    "company",
    "value",
    "currency",
    "stage",
    "owner",
    "source",
    "created",
    "close_date",
    "lost_reason",
    "next_step",
)

FIELD_HELP: dict[str, str] = {
    "external_id": "the row's id in the other CRM (else a stable hash of the row)",
    "name": "deal name (required)",
    "company": "company or account name",
    "value": "deal amount, e.g. 12000 or 12,000.50 (0 on a lost deal = unknown)",
    "currency": "ISO code, e.g. USD (else the workspace currency)",
    "stage": "stage key or name, e.g. won, lost, 'Proposal sent'",
    "owner": "owner's email, Slack user id (U...), or a name given with --owner",
    "source": "lead source",
    "created": "date the deal was created or engaged",
    "close_date": "actual close (won/lost) or expected close (open)",
    "lost_reason": "why a lost deal was lost",
    "next_step": "next step of an open deal",
}

# The generic layout: a file with exactly these headers imports with no flags.
# `dealbot export` writes these (plus any extra columns, which import ignores).
GENERIC_HEADERS: tuple[str, ...] = FIELDS

# Column names other tools use, folded (see `fold`). Generic names come first.
_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": (
        "external id",
        "id",
        "deal id",
        "record id",
        "opportunity id",
        "deal_id",
        "opportunity_id",
    ),
    "name": (
        "deal name",
        "deal title",
        "title",
        "opportunity name",
        "opportunity",
        "deal",
        "opportunity_name",
    ),
    "company": (
        "account",
        "account name",
        "organization",
        "organization name",
        "company name",
        "associated company",
        "org",
        "client",
    ),
    "value": ("amount", "deal value", "deal amount", "close_value", "close value", "price"),
    "currency": (
        "currency code",
        "deal currency",
        "amount currency",
        "opportunity currency",
        "currency iso code",
    ),
    "stage": ("deal stage", "stage name", "dealstage", "deal_stage"),
    "owner": (
        "deal owner",
        "owner email",
        "owner name",
        "opportunity owner",
        "sales agent",
        "sales_agent",
        "assigned to",
        "user",
        "hubspot owner",
    ),
    "source": ("lead source", "deal source", "original source", "original source type"),
    "created": (
        "created date",
        "create date",
        "created at",
        "deal created",
        "engage date",
        "engage_date",
        "created_date",
        "add time",
        "deal created on",
        "created on",
    ),
    "close_date": (
        "close date",
        "closed date",
        "expected close date",
        "closedate",
        "close_date",
        "closing date",
        "expected_close_date",
    ),
    "lost_reason": ("lost reason", "closed lost reason", "loss reason", "reason lost"),
    "next_step": ("next steps", "next action", "next activity"),
}


# Recognised but not mappable with --map: Pipedrive's "Status" (open, won, lost) beside its
# stage; the actual close of a won or lost deal where a file keeps it apart from the
# expected close (Pipedrive's "Won time" and "Lost time": the first one filled counts);
# and an owner's Slack user id (`dealbot export` writes one; it wins over `owner`).
STATUS = "status"
CLOSED_ON = "closed_on"
OWNER_ID = "owner_id"
REPEATABLE = {CLOSED_ON}  # several columns may hold it
_EXTRA_NAMES = {
    "status": STATUS,
    "deal status": STATUS,
    "won time": CLOSED_ON,
    "lost time": CLOSED_ON,
    "close time": CLOSED_ON,
    "deal closed on": CLOSED_ON,
    "closed on": CLOSED_ON,
    "actual close date": CLOSED_ON,
    "owner id": OWNER_ID,
    "owner slack id": OWNER_ID,
    "owner user id": OWNER_ID,
}

# The actor of every history entry an import writes (Activity.actor_id, Deal.created_by).
IMPORT_ACTOR = "import"
# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection"):
# the export writes such text after an apostrophe, which the import takes off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unguard(cell: str) -> str:
    """A cell as it was before the export guarded it: `'=X` is `=X`; `'quoted` stays."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def fold(column: str) -> str:
    """Lower-case, trim, drop Pipedrive's "Deal - " prefix, and turn `_`, `-` and
    runs of spaces into one space."""
    name = column.strip().strip("\ufeff").strip().lower()
    name = re.sub(r"^deal\s+-\s+", "", name)
    return re.sub(r"[\s_\-]+", " ", name).strip()


_KNOWN: dict[str, str] = {}
for _field in FIELDS:
    _KNOWN.setdefault(fold(_field), _field)
for _field, _names in _ALIASES.items():
    for _name in _names:
        _KNOWN.setdefault(fold(_name), _field)
for _name, _field in _EXTRA_NAMES.items():
    _KNOWN.setdefault(fold(_name), _field)


def field_for(column: str) -> str | None:
    """The field a column name means, or None for a column the import ignores."""
    return _KNOWN.get(fold(column))


def recognise(headers: list[str], explicit: dict[str, str] | None = None) -> dict[int, str]:
    """Column index -> field. Explicit `COLUMN=FIELD` mappings win; each field once.

    Explicit keys match headers case-insensitively. The first column that names a
    field takes it; later ones are ignored (a REPEATABLE field takes them all).
    """
    explicit_folded = {fold(k): v for k, v in (explicit or {}).items()}
    taken: dict[int, str] = {}
    used: set[str] = set()
    for i, header in enumerate(headers):
        field = explicit_folded.get(fold(header))
        if field:
            taken[i] = field
            used.add(field)
    for i, header in enumerate(headers):
        if i in taken or fold(header) in explicit_folded:
            continue
        field = field_for(header)
        if field and (field not in used or field in REPEATABLE):
            taken[i] = field
            used.add(field)
    return taken
