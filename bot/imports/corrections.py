"""A corrected file's row applied to its deal: each change one history entry by the import.

Field changes are dated at the import; a changed outcome at the file's close date. A
corrected created or close date re-dates the import's own entry (never anyone else's).
"""

from datetime import datetime

from bot.common.money import Money, stored_money
from bot.deals.companies import company_for
from bot.imports.fields import IMPORT_ACTOR
from bot.imports.history import act
from bot.imports.plan import Incoming, Plan, columns
from storage import import_queries as iq
from storage.models import Deal


class Conflict(Exception):
    """The deal changed between reading the file and writing it."""


def _money(minor: int | None, currency: str) -> str | None:
    return None if minor is None else stored_money(Money(minor, currency))


def change(session, plan: Plan, i: Incoming, deal: Deal, now: datetime) -> None:
    """Bring one deal to what the corrected row says, with a history entry per change."""
    team, did = plan.team_id, deal.id
    new = columns(i)
    values: dict = {"updated_at": now}
    acts: list[dict] = []
    for fld, kind in (
        ("name", "name"),
        ("owner_id", "owner"),
        ("source", "source"),
        ("next_step", "next"),
    ):
        if getattr(deal, fld) != new[fld]:
            values[fld] = new[fld]
            acts.append(act(team, did, kind, now, getattr(deal, fld), new[fld]))
    if (deal.value_minor, deal.currency) != (new["value_minor"], new["currency"]):
        values.update(value_minor=new["value_minor"], currency=new["currency"])
        acts.append(
            act(
                team,
                did,
                "value",
                now,
                _money(deal.value_minor, deal.currency),
                _money(new["value_minor"], new["currency"]),
            )
        )
    old_company = iq.company_names(
        session=session, team_id=team, ids=[deal.company_id] if deal.company_id else []
    ).get(deal.company_id)
    comp = company_for(session, team, i.company)
    if (comp.id if comp else None) != deal.company_id:
        values["company_id"] = comp.id if comp else None
        acts.append(act(team, did, "company", now, old_company, comp.name if comp else None))
    if (
        deal.lost_reason != new["lost_reason"]
        and new["lost_reason"]
        and deal.stage_id == i.stage.id
    ):
        acts.append(act(team, did, "note", now, note=f"Lost reason: {new['lost_reason']}"))
    values["lost_reason"] = new["lost_reason"]
    acts += _dates(session, plan, i, deal, values, now)
    acts += _stage(session, plan, i, deal, values, now)
    if not iq.update_deal(
        session=session, team_id=team, deal_id=did, version=deal.version, **values
    ):
        raise Conflict()
    iq.insert_activities(session=session, rows=acts)


def _dates(session, plan: Plan, i: Incoming, deal: Deal, values: dict, now: datetime) -> list:
    """Corrected created and close dates: the import's own entries are re-dated."""
    team, did, acts = plan.team_id, deal.id, []
    if deal.close_date != i.close_date:
        values["close_date"] = i.close_date
        acts.append(act(team, did, "close", now, _iso(deal.close_date), _iso(i.close_date)))
    if i.row.created and deal.created_at != i.created_at:
        for a in iq.activities_of(session=session, team_id=team, deal_id=did, kinds=["created"]):
            if a.actor_id == IMPORT_ACTOR:
                iq.move_activity(session=session, team_id=team, activity_id=a.id, at=i.created_at)
        values["created_at"] = i.created_at
        acts.append(
            act(
                team,
                did,
                "note",
                now,
                note=f"Created date corrected from "
                f"{deal.created_at.date()} to {i.created_at.date()} by an import",
            )
        )
    kinds = [i.stage.kind]
    moved = i.closed_at and i.close_date and deal.stage_changed_at != i.closed_at
    if deal.stage_id == i.stage.id and moved:
        closes = iq.activities_of(session=session, team_id=team, deal_id=did, kinds=kinds)
        if closes and closes[-1].actor_id == IMPORT_ACTOR:
            iq.move_activity(
                session=session, team_id=team, activity_id=closes[-1].id, at=i.closed_at
            )
        values["stage_changed_at"] = i.closed_at
    return acts


def _stage(session, plan: Plan, i: Incoming, deal: Deal, values: dict, now: datetime) -> list:
    """A stage or outcome the corrected file changes: moved, won, lost or reopened."""
    old = next((s for s in plan.stages if s.id == deal.stage_id), None)
    new, team, did = i.stage, plan.team_id, deal.id
    if old is None or old.id == new.id:
        return []
    values["stage_id"] = new.id
    closing = new.kind != "open"
    at = max(i.closed_at or now, deal.stage_changed_at) if closing else now
    values["stage_changed_at"] = at
    note = i.row.lost_reason if new.kind == "lost" else None
    if old.kind == "open":
        kind = new.kind if closing else "moved"
        return [act(team, did, kind, at, old.name, new.name, note, stages=(old, new))]
    reopened = act(team, did, "reopened", at, old.name, i.entry.name, stages=(old, i.entry))
    if not closing:
        return [act(team, did, "reopened", at, old.name, new.name, stages=(old, new))]
    return [
        reopened,
        act(team, did, new.kind, at, i.entry.name, new.name, note, stages=(i.entry, new)),
    ]


def _iso(day) -> str | None:
    return day.isoformat() if day else None
