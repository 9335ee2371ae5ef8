"""What Slack must hear about a change, written to the outbox in the change's transaction.

The rules of who hears what live here, as data; the Slack layer's senders word each row
when it is delivered, from the deal's state at that moment:
- a new deal: its card in the channel it was created from, then its first thread line;
- every change: one line per activity in the card's thread, and the card updated in place
  (one pending update per card: it always shows the newest state);
- a handoff: the new owner gets the card by DM; any other change by someone else: the
  owner gets one DM line, unless they turned those off;
- the Home tab of everyone on the deal who has opened theirs is republished.
"""

import json

from sqlmodel import Session

from bot.deals.service import DealView
from bot.threads import service as threads
from storage import outbox_queries as outbox


def _enqueue(session: Session, view: DealView, kind: str, **values) -> None:
    outbox.enqueue(
        session=session, team_id=view.deal.team_id, kind=kind, deal_id=view.deal.id, **values
    )


def _homes(session: Session, view: DealView, people: list[str]) -> None:
    d = view.deal
    for user in threads.home_viewers(
        session=session, team_id=d.team_id, user_ids=list(dict.fromkeys(people))
    ):
        outbox.enqueue(
            session=session,
            team_id=d.team_id,
            kind="home",
            user_id=user,
            coalesce_key=f"home:{d.team_id}:{user}",
        )


def _lines(session: Session, view: DealView) -> None:
    session.flush()  # the activities' ids, for the thread lines that name them
    for a in view.changes:
        _enqueue(session, view, "thread_line", ref_id=a.id, channel_id=view.deal.channel_id)


def created(
    *,
    session: Session,
    view: DealView,
    channel: str | None,
    actor: str,
    response_url: str | None = None,
) -> None:
    """A new deal: its card where it was created (if anywhere), its first line, Home tabs."""
    if channel:
        payload = json.dumps({"actor": actor, "response_url": response_url})
        _enqueue(session, view, "card_post", channel_id=channel, user_id=actor, payload=payload)
        _lines(session, view)
    _homes(session, view, [actor, view.deal.owner_id])


def changed(*, session: Session, view: DealView, actor: str) -> None:
    """Any change: the thread lines, the card, the owner's DM, Home tabs."""
    d = view.deal
    if d.channel_id and d.card_ts:
        _lines(session, view)
        _enqueue(session, view, "card_update", channel_id=d.channel_id,
                 coalesce_key=f"card:{d.id}")
    _tell_owner(session, view, actor)
    _homes(session, view, [actor, d.owner_id, *view.collaborators])


def card_moved(*, session: Session, view: DealView) -> None:
    """The card of a deal a pipeline switch moved: updated, with its thread line."""
    changed_card = view.deal.channel_id and view.deal.card_ts
    if changed_card:
        _lines(session, view)
        _enqueue(session, view, "card_update", channel_id=view.deal.channel_id,
                 coalesce_key=f"card:{view.deal.id}")


def _tell_owner(session: Session, view: DealView, actor: str) -> None:
    d, changes = view.deal, view.changes
    if not changes or d.owner_id == actor:
        return
    payload = json.dumps({"actor": actor, "activities": [a.id for a in changes]})
    if any(a.kind == "owner" for a in changes):
        _enqueue(session, view, "handoff_dm", user_id=d.owner_id, payload=payload)
    elif threads.wants_dms(session=session, team_id=d.team_id, user_id=d.owner_id):
        _enqueue(session, view, "owner_dm", user_id=d.owner_id, payload=payload)
