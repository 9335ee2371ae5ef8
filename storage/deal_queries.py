"""Writes to one deal that are not stage moves or field edits: where its card is, that it
was worked on, who is on it. Each is one guarded statement; every one filters by team_id."""

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from storage.claims import insert_new
from storage.models import Activity, Collaborator, Deal

# Built once (as in storage/queries.py): the deliverer runs these for every card and line.
_SET_CARD = (
    Deal.__table__.update()
    .where(Deal.__table__.c.id == bindparam("deal"), Deal.__table__.c.team_id == bindparam("team"))
    .values(channel_id=bindparam("channel"), card_ts=bindparam("ts"))
    .returning(Deal.__table__.c.version, Deal.__table__.c.last_activity_at)
)
_ACTIVITIES = (
    select(Activity)
    .where(
        col(Activity.id).in_(bindparam("ids", expanding=True)),
        Activity.team_id == bindparam("team"),
    )
    .order_by(col(Activity.id))
)


# How far a deal has changed: its version (a field edit or a move) and its newest
# activity's time (every change records one).
Changed = tuple[int, datetime | None]


def changed(deal: Deal) -> Changed:
    """How far this copy of the deal has changed (compare with set_card's answer)."""
    return deal.version, deal.last_activity_at


def set_card(
    *, session: Session, team_id: str, deal_id: int, channel_id: str, ts: str
) -> Changed | None:
    """Record where the deal's card was posted; how far the deal has changed as stored, or
    None when the deal is not in the workspace."""
    params = {"deal": deal_id, "team": team_id, "channel": channel_id, "ts": ts}
    found = session.execute(_SET_CARD, params).first()
    return None if found is None else (found[0], found[1])


def touch(*, session: Session, team_id: str, deal_id: int, now: datetime) -> bool:
    """Mark the deal as worked on now; False when the deal is not in the workspace.

    Only `updated_at` is written and nothing read before is written back, so no
    concurrent change can be lost; the version stays, as a note changes no field.
    """
    q = (
        update(Deal)
        .where(col(Deal.id) == deal_id, col(Deal.team_id) == team_id)
        .values(updated_at=now)
    )
    return session.execute(q).rowcount == 1


def add_collaborator(
    *,
    session: Session,
    team_id: str,
    deal_id: int,
    user_id: str,
    added_by: str,
    reason: str | None,
    now: datetime,
) -> bool:
    """Tag a user on the deal; False when they already are (also when tagged concurrently)."""
    added = insert_new(
        session=session,
        column=Collaborator.user_id,
        team_id=team_id,
        deal_id=deal_id,
        user_id=user_id,
        added_by=added_by,
        reason=reason,
        added_at=now,
    )
    return added is not None


def deal_by_id(*, session: Session, team_id: str, deal_id: int) -> Deal | None:
    """The deal with this id, in this workspace only."""
    deal = session.get(Deal, deal_id)
    return deal if deal is not None and deal.team_id == team_id else None


def activities(*, session: Session, team_id: str, ids: list[int]) -> list[Activity]:
    """These activities of this workspace, oldest first."""
    if not ids:
        return []
    return list(session.exec(_ACTIVITIES, params={"ids": ids, "team": team_id}))


def deals_by_ids(*, session: Session, team_id: str, ids: list[int]) -> list[Deal]:
    """These deals of this workspace, in the order of ids."""
    if not ids:
        return []
    q = select(Deal).where(col(Deal.id).in_(ids), col(Deal.team_id) == team_id)
    found = {d.id: d for d in session.exec(q)}
    return [found[i] for i in ids if i in found]


def has_card_in(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Whether a deal of this workspace has its card in this channel."""
    q = select(Deal.id).where(
        col(Deal.team_id) == team_id,
        col(Deal.channel_id) == channel_id,
        col(Deal.card_ts).is_not(None),
    )
    return session.exec(q.limit(1)).first() is not None
