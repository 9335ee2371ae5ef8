"""Writing an import plan: new deals in batches, a changed deal one at a time.

Each batch is one transaction (companies, numbers, deals and their history together);
when a batch fails, its rows are written one by one, so one bad row is refused and the
others still go in. Nothing is half-written: a deal never lands without its history.

The history is written directly, not through the deal service, so an imported deal
posts no card and no thread line and notifies nobody: it shows up in lists, digests,
reports and Home. Every entry's actor is `import` (IMPORT_ACTOR).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from bot.i18n import _
from bot.imports.corrections import Conflict, change
from bot.imports.fields import IMPORT_ACTOR
from bot.imports.history import history
from bot.imports.parse import Refusal
from bot.imports.plan import Incoming, Plan, columns
from storage import db
from storage import import_queries as iq

BATCH = 1000


@dataclass
class Summary:
    """What an import did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)


def write(
    plan: Plan, *, now: datetime, progress: Callable[[int], None] = lambda n: None
) -> Summary:
    """Write the plan; report created, updated, unchanged and refused."""
    done = Summary(unchanged=plan.unchanged, refused=list(plan.refused))
    progress(plan.unchanged + len(plan.refused))
    for start in range(0, len(plan.new), BATCH):
        batch = plan.new[start : start + BATCH]
        try:
            with db.session_scope() as session:
                insert(session, plan.team_id, batch, now)
            done.created += len(batch)
        except SQLAlchemyError:
            for one in batch:  # find the row the database refused; the others go in
                if _attempt(done, one, lambda s, i=one: insert(s, plan.team_id, [i], now)):
                    done.created += 1
        progress(len(batch))
    for incoming, deal in plan.changed:
        if _attempt(done, incoming, lambda s, i=incoming, d=deal: change(s, plan, i, d, now)):
            done.updated += 1
        progress(1)
    if done.created or done.updated:  # the planner told how much there now is
        with db.session_scope() as session:
            iq.refresh_statistics(session=session)
    done.refused.sort(key=lambda r: r.line)
    return done


def _attempt(done: Summary, incoming: Incoming, work: Callable) -> bool:
    try:
        with db.session_scope() as session:
            work(session)
        return True
    except Conflict:
        why = _("the deal changed in dealbot while importing; run the import again")
    except SQLAlchemyError as e:
        cause = str(getattr(e, "orig", e)).strip().splitlines()[0][:200]
        why = _("the database refused it ({cause})").format(cause=cause)
    done.refused.append(Refusal(incoming.row.line, why))
    return False


def insert(session, team_id: str, batch: list[Incoming], now: datetime) -> None:
    """Add the batch's companies, deals and history in the caller's transaction."""
    wanted = {i.company_key: i.company for i in batch if i.company_key}
    ids = iq.company_ids(session=session, team_id=team_id, keys=wanted)
    missing = {k: name for k, name in wanted.items() if k not in ids}
    ids.update(iq.insert_companies(session=session, team_id=team_id, names=missing, now=now))
    first = iq.allocate_numbers(session=session, team_id=team_id, count=len(batch))
    rows = []
    for n, i in enumerate(batch):
        moved = i.closed_at or i.created_at
        rows.append(
            {
                **columns(i),
                "team_id": team_id,
                "number": first + n,
                "external_id": i.row.external_id,
                "company_id": ids.get(i.company_key),
                "channel_id": None,
                "card_ts": None,
                "created_by": IMPORT_ACTOR,
                "created_at": i.created_at,
                "updated_at": moved,
                "stage_changed_at": moved,
                # its history's newest time, as the trigger would set it from the history
                # rows below (storage/last_activity.py): no update of the deal per row
                "last_activity_at": max(i.created_at, moved),
                "version": 1,
            }
        )
    ids_by_number = iq.insert_deals(session=session, team_id=team_id, rows=rows)
    iq.insert_activities(
        session=session,
        rows=[
            a for n, i in enumerate(batch) for a in history(team_id, ids_by_number[first + n], i)
        ],
    )
