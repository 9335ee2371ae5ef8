"""A deal's history as a unit of work writes it: each change records one activity
(`record`, which asks the actor's right to make it), and the unit notes the activities
it recorded and the deals whose rows it holds as written, so that their Slack effects are
written without reading them again (bot/deals/effects.py)."""

from datetime import datetime

from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from bot.common.errors import NotAllowed
from bot.common.money import Money, stored_money
from bot.teams import access
from storage import deal_writes
from storage.models import Activity, Deal, Stage

CURRENT = "current_deals"  # session.info: the deals mark_current noted

# What an archived deal still takes: its notes and thread replies, a reminder marked done,
# and the ways back (restore, undo). Any other change is refused until it is restored.
ARCHIVED_MAY = frozenset({"archived", "restored", "undone", "note", "reply", "reminder_done"})


def changeable(deal: Deal) -> Deal:
    """The deal, unless it is archived: then the change is refused, naming the way back."""
    if deal.archived_at is not None:
        raise NotAllowed("deal_archived", number=deal.number, name=deal.name)
    return deal


def record(
    session: Session,
    deal: Deal,
    actor: str,
    kind: str,
    frm: str | None = None,
    to: str | None = None,
    note: str | None = None,
    stages: tuple[Stage | None, Stage | None] = (None, None),
    at: datetime | None = None,
) -> Activity:
    """Append one activity to the deal's history (an archived deal takes only ARCHIVED_MAY),
    at `at` (now when not given).

    A stage move passes its `stages` (from, to): their ids are kept, so the history prints a
    renamed stage by its current name."""
    if kind not in ARCHIVED_MAY and not session.info.get("system_change"):
        changeable(deal)  # a pipeline switch still moves archived deals off retired stages
    # Every change records an activity: here the actor's right to make it is checked
    # (bot/teams/access.py); undoing one's own note is open like the note was.
    asked = "note" if (kind, frm) == ("undone", "note") else kind
    access.require_change(session, deal, actor, asked)
    # Written now by one Core insert (storage/deal_writes.py); what the unit of work still
    # holds unwritten (the deal's own changes) is flushed before it, as the ORM did.
    row = deal_writes.add_activity(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        actor_id=actor,
        kind=kind,
        from_value=frm,
        to_value=to,
        note=note,
        from_stage_id=stages[0].id if stages[0] else None,
        to_stage_id=stages[1].id if stages[1] else None,
        **({} if at is None else {"at": at}),
    )
    newest(deal, row)
    return recorded(session, row)


def newest(deal: Deal, row: Activity) -> None:
    """Keep the deal object's last_activity_at as the activity's trigger just set the row's
    (storage/last_activity.py), when the object holds that column (nothing to write back)."""
    if "last_activity_at" not in deal.__dict__:  # not loaded (expired): read when used
        return
    if deal.last_activity_at is None or deal.last_activity_at < row.at:
        set_committed_value(deal, "last_activity_at", row.at)


def mark_current(session: Session, deal: Deal) -> None:
    """Note that the deal object holds its row as this unit of work last wrote it (created,
    or returned or re-read by the guarded statement that changed it, which keeps the row
    locked till commit), so its Slack effects need not read it again (effects.write)."""
    session.info.setdefault(CURRENT, set()).add(deal.id)


def recorded_of(session: Session, deal: Deal) -> list[Activity]:
    """The deal's activities this unit of work recorded, oldest first."""
    return [a for a in session.info.get("recorded", []) if a.deal_id == deal.id]


def recorded(session: Session, row: Activity) -> Activity:
    """Note an activity this unit of work added, so that its Slack effects are written too."""
    session.info.setdefault("recorded", []).append(row)
    return row


def value_text(deal: Deal) -> str | None:
    """The deal's value as the history records it ($12,000), or None."""
    if deal.value_minor is None:
        return None
    return stored_money(Money(deal.value_minor, deal.currency))
