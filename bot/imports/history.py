"""The history entries an import writes: column dicts for one batched insert.

Every entry's actor is `import` (IMPORT_ACTOR), and its moment is the file's date.
"""

from datetime import datetime

from bot.imports.fields import IMPORT_ACTOR
from bot.imports.plan import Incoming
from storage.models import Activity, Stage

_STAGE_IDS = {"from_stage_id", "to_stage_id"} <= set(Activity.__table__.columns.keys())


def act(
    team_id: str,
    deal_id: int,
    kind: str,
    at: datetime,
    frm=None,
    to=None,
    note=None,
    stages: tuple[Stage | None, Stage | None] = (None, None),
) -> dict:
    """One history entry by the import, at the moment given."""
    row = {
        "team_id": team_id,
        "deal_id": deal_id,
        "actor_id": IMPORT_ACTOR,
        "at": at,
        "kind": kind,
        "from_value": frm,
        "to_value": to,
        "note": note,
        "message_ts": None,
        "deleted_at": None,
    }
    if _STAGE_IDS:
        row.update(
            from_stage_id=stages[0].id if stages[0] else None,
            to_stage_id=stages[1].id if stages[1] else None,
        )
    return row


def history(team_id: str, deal_id: int, i: Incoming) -> list[dict]:
    """A new deal's history: created (in its open stage), then won or lost at its dates."""
    rows = [act(team_id, deal_id, "created", i.created_at, to=i.entry.name, stages=(None, i.entry))]
    if i.closed_at is not None:
        note = i.row.lost_reason if i.stage.kind == "lost" else None
        frm = i.closed_from
        rows.append(
            act(
                team_id,
                deal_id,
                i.stage.kind,
                i.closed_at,
                frm.name if frm else None,
                i.stage.name,
                note,
                stages=(frm, i.stage),
            )
        )
    return rows
