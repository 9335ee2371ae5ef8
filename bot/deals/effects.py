"""What Slack must hear about a change, written to the outbox in the change's transaction.

`write` runs in every unit of work just before it commits (the composition root hooks
it in): for each activity the unit recorded it writes the rows below, so no change can
commit without its Slack effects and no effect can be sent for a change that rolled
back. The rules of who hears what live here, as data; the Slack layer's senders word
each row when it is delivered, from the deal's state at that moment:
- a new deal: its card where it was created, and no thread line of its creation (the
  card says who created it: its thread starts with the first change, README
  *Decisions*; a lead from a message still gets its message's link and its contact);
- every change: one line per activity in the card's thread, and the card updated in place
  (one pending update per card: it always shows the newest state);
- a handoff: the new owner gets the card by DM; any other change by someone else: the
  owner gets one DM line, unless they turned those off;
- the Home tab of everyone on the deal who has opened theirs is republished.
A reply typed in the card's thread only updates the card. A change the system made (a
pipeline switch, `session.info["system_change"]`) updates cards and threads only.
"""

import json

from sqlmodel import Session

from bot.deals.history import CURRENT
from bot.threads import service as threads
from storage import outbox_batch
from storage import outbox_queries as outbox
from storage.models import Activity, Deal

QUIET_KINDS = frozenset({"reply"})  # recorded from Slack itself: nobody is told again
UNLINED_KINDS = frozenset({"created"})  # the card itself says it: no line in its thread


def _row(deal: Deal, kind: str, **values) -> dict:
    return _row_of(deal.team_id, deal.id, kind, **values)


def _row_of(team_id: str, deal_id: int, kind: str, **values) -> dict:
    return {"team_id": team_id, "kind": kind, "deal_id": deal_id, **values}


def card_changed(*, session: Session, deal: Deal) -> None:
    """The deal's card updated in place (a pending update already there covers it), written
    as the unit of work commits, with its other rows."""
    if deal.channel_id and deal.card_ts:
        outbox_batch.enqueue_at_commit(session=session, rows=[_card_update(deal)], homes={})


def _card_update(deal: Deal) -> dict:
    return _card_update_row(deal.team_id, deal.id, deal.channel_id)


def _card_update_row(team_id: str, deal_id: int, channel_id: str | None) -> dict:
    return _row_of(
        team_id, deal_id, "card_update", channel_id=channel_id, coalesce_key=f"card:{deal_id}"
    )


def card_behind(*, session: Session, team_id: str, deal_id: int, channel_id: str) -> None:
    """The card just posted shows the deal as it was before a change that committed while
    it was on its way (that change found no card to update): update it once more."""
    row = _card_update_row(team_id, deal_id, channel_id)
    outbox_batch.enqueue_at_commit(session=session, rows=[row], homes={})


def write(session: Session) -> None:
    """The outbox rows for every activity this unit of work recorded (before it commits),
    written as it commits, in one statement with the Home refreshes they call for."""
    recorded: list[Activity] = session.info.pop("recorded", [])
    if not recorded:
        return
    session.flush()  # the activities' ids, which the thread lines name
    by_deal: dict[int, list[Activity]] = {}
    for a in recorded:
        by_deal.setdefault(a.deal_id, []).append(a)
    system = session.info.get("system_change", False)
    current = session.info.get(CURRENT, set())
    rows: list[dict] = []
    homes: dict[str, tuple[list[str], list[int]]] = {}
    for deal_id, changes in by_deal.items():
        # The deal as stored now, read again unless this unit's own write left it so
        # (mark_current): another transaction may have posted its card since it was read.
        deal = session.get(Deal, deal_id, populate_existing=deal_id not in current)
        if deal is not None:
            _for_deal(session, deal, changes, system, rows, homes)
    outbox_batch.enqueue_at_commit(session=session, rows=rows, homes=homes)


def _for_deal(
    session: Session,
    deal: Deal,
    changes: list[Activity],
    system: bool,
    rows: list[dict],
    homes: dict[str, tuple[list[str], list[int]]],
) -> None:
    told = [a for a in changes if a.kind not in QUIET_KINDS]
    created = any(a.kind == "created" for a in changes)
    if created and deal.channel_id and not deal.card_ts:
        actor = changes[0].actor_id
        payload = json.dumps({"response_url": session.info.get("response_url")})
        rows.append(
            _row(deal, "card_post", channel_id=deal.channel_id, user_id=actor, payload=payload)
        )
    if deal.channel_id:
        for a in told:
            if a.kind not in UNLINED_KINDS:
                rows.append(_row(deal, "thread_line", ref_id=a.id, channel_id=deal.channel_id))
    if not created and deal.channel_id and deal.card_ts:
        rows.append(_card_update(deal))
    if system or not told:
        return
    actor = told[-1].actor_id
    _tell_owner(session, deal, told, actor, rows)
    # Everyone on the deal who has opened their Home (a new deal has no collaborators yet).
    people, deal_ids = homes.setdefault(deal.team_id, ([], []))
    people += [u for u in (actor, deal.owner_id) if u not in people]
    if not created:
        deal_ids.append(deal.id)


def _tell_owner(
    session: Session, deal: Deal, changes: list[Activity], actor: str, rows: list[dict]
) -> None:
    if deal.owner_id == actor or any(a.kind == "created" for a in changes):
        return
    payload = json.dumps({"actor": actor, "activities": [a.id for a in changes]})
    if any(a.kind == "owner" for a in changes):
        rows.append(_row(deal, "handoff_dm", user_id=deal.owner_id, payload=payload))
    elif threads.wants_dms(session=session, team_id=deal.team_id, user_id=deal.owner_id):
        rows.append(_row(deal, "owner_dm", user_id=deal.owner_id, payload=payload))


def tell_once(*, session: Session, team_id: str, user_id: str, text: str, key: str) -> bool:
    """A DM worded by the caller, written once for this key whatever happens later."""
    if outbox.ever_enqueued(session=session, coalesce_key=key):
        return False
    outbox_batch.enqueue_one(
        session=session,
        team_id=team_id,
        kind="notice",
        user_id=user_id,
        payload=json.dumps({"text": text}),
        coalesce_key=key,
    )
    return True
