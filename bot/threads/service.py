"""A deal's Slack thread is its record: replies there become notes; edits and deletions follow."""

from sqlmodel import Session

from bot.deals import service as deals
from bot.deals.service import DealView
from bot.workspaces.service import ensure_workspace
from storage import claims, shortcut_queries, thread_queries
from storage.models import Activity, Deal, HandledEvent, UserSetting
from storage.types import utcnow

REPLY_MAX = 3000


def first_time(session: Session, team_id: str, event_id: str | None) -> bool:
    """Claim the event: True the first time it is seen, False for Slack's retries of it."""
    if not event_id:
        return True
    claimed = claims.insert_new(
        session=session,
        column=HandledEvent.event_id,
        event_id=event_id,
        team_id=team_id,
        at=utcnow(),
    )
    return claimed is not None


def deal_of_thread(session: Session, team_id: str, channel: str, thread_ts: str) -> Deal | None:
    """The deal whose card starts this thread, or whose card was posted in it (a lead
    created from the message that starts it: bot/shortcuts)."""
    return thread_queries.deal_by_card(
        session=session, team_id=team_id, channel_id=channel, card_ts=thread_ts
    ) or shortcut_queries.deal_by_origin(
        session=session, team_id=team_id, channel_id=channel, ts=thread_ts
    )


def reply(
    *,
    session: Session,
    team_id: str,
    event_id: str | None,
    channel: str,
    thread_ts: str,
    ts: str,
    user: str,
    text: str,
) -> DealView | None:
    """A teammate's reply (plain text, as typed) in a deal thread, kept as a note.

    None when the thread is not a deal's, or the message was seen before.
    """
    deal = deal_of_thread(session, team_id, channel, thread_ts)
    if deal is None or not first_time(session, team_id, event_id):
        return None
    # Inserted unless the message is recorded already (ux_activity_deal_message): the same
    # message under another event id, even at the same moment from another replica, is kept
    # once, where a look first and an insert after would both find nothing and store twice.
    row_id = claims.insert_new(
        session=session,
        column=Activity.id,
        team_id=deal.team_id,
        deal_id=deal.id,
        actor_id=user,
        at=utcnow(),
        kind="reply",
        note=text[:REPLY_MAX],
        message_ts=ts,
    )
    if row_id is None:
        return None
    deals.recorded(session, session.get(Activity, row_id))
    return deals.view(session=session, deal=deal)


def _by_ts(session: Session, team_id: str, ts: str) -> Activity | None:
    return thread_queries.reply_by_ts(session=session, team_id=team_id, ts=ts)


def edited(
    *, session: Session, team_id: str, event_id: str | None, ts: str, text: str
) -> DealView | None:
    """A reply was edited in Slack: its note says what the message (plain text) says now."""
    row = _by_ts(session, team_id, ts)
    if row is None or not first_time(session, team_id, event_id):
        return None
    row.note = text[:REPLY_MAX]
    session.add(row)
    session.flush()
    return deals.view(session=session, deal=session.get(Deal, row.deal_id))


def deleted(*, session: Session, team_id: str, event_id: str | None, ts: str) -> DealView | None:
    """A reply was deleted in Slack: its note is marked deleted (kept, not shown as said)."""
    row = _by_ts(session, team_id, ts)
    if row is None or row.deleted_at is not None or not first_time(session, team_id, event_id):
        return None
    row.deleted_at = utcnow()
    session.add(row)
    session.flush()
    return deals.view(session=session, deal=session.get(Deal, row.deal_id))


def wants_dms(*, session: Session, team_id: str, user_id: str) -> bool:
    """Does the person want a DM when someone else changes their deal (on by default)?"""
    row = session.get(UserSetting, (team_id, user_id))
    return True if row is None else row.notify


def set_dms(*, session: Session, team_id: str, user_id: str, on: bool) -> None:
    """Turn the person's change DMs on or off."""
    ensure_workspace(session=session, team_id=team_id)
    row = session.get(UserSetting, (team_id, user_id)) or UserSetting(
        team_id=team_id, user_id=user_id
    )
    row.notify = on
    session.add(row)


def saw_home(*, session: Session, team_id: str, user_id: str) -> None:
    """Remember that the person opened dealbot's Home tab (so changes keep it fresh)."""
    ensure_workspace(session=session, team_id=team_id)
    row = session.get(UserSetting, (team_id, user_id)) or UserSetting(
        team_id=team_id, user_id=user_id
    )
    if not row.home_seen:
        row.home_seen = True
        session.add(row)

