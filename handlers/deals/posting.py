"""Delivering a deal's outbox rows: its card, its thread lines, its owner's DMs.

Each sender gets one claimed row and reads the deal as it is now. Posts carry the row's
tag (handlers/kit/delivery.py); a row whose last send may have landed is looked up before
it is posted again. A card that is gone is not an error; a channel that refuses us is
(`Paused`): the deliverer holds that channel's rows and the owner is told once."""

import json
import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient
from sqlmodel import Session

from bot.deals import effects, reads
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.i18n import _
from bot.pipeline.templates import local_name
from bot.runtime.outbox_outcomes import CHANNEL_REFUSES
from bot.runtime.sending import Paused, Sent, hand_on, handed
from handlers.deals.card import deal_card
from handlers.kit import text as fmt
from handlers.kit.delivery import dm_once, joining, post_once
from storage.db import single_read
from storage.models import Outbox

log = logging.getLogger("dealbot")

_CARD_GONE = {"message_not_found", "cant_update_message", "thread_not_found"}
_CANNOT_POST = {
    "not_in_channel",
    "channel_not_found",
    "is_archived",
    "restricted_action",
    "method_not_supported_for_channel_type",
    "missing_scope",
}


def card_text(v: DealView) -> str:
    """The notification text of a card (what a phone shows)."""
    return f"{fmt.deal_title(v.deal)} · {fmt.value(v.deal)} · {local_name(v.stage.name)}"


def _card(row: Outbox) -> tuple[DealView | None, reads.Origin]:
    """The deal's view, and the message a lead was created from (its card, then the card's
    thread lines, go in that message's thread: reads.thread_in)."""
    with single_read() as s:  # one statement (two when someone is tagged on the deal)
        return reads.card(session=s, team_id=row.team_id, deal_id=row.deal_id)


@dataclass
class NewCard:
    """A deal created from a command, as its unit of work wrote it: what its card shows."""

    view: DealView

    def read(self, row: Outbox) -> tuple[DealView, reads.Origin] | None:
        """The view of the deal `row` posts the card of, with no message it came from."""
        deal = self.view.deal
        if (deal.team_id, deal.id) != (row.team_id, row.deal_id):
            return None
        return self.view, (None, None)


def hand_new_card(session: Session, view: DealView) -> None:
    """Post the card of a deal this unit of work created (from a command, not a message)
    from its view as written, instead of reading it back, when this process sends the card
    (sending.hand_on). If the deal changed before the card was recorded, send_card's
    completion queues the card's update (effects.card_behind)."""
    hand_on(session, view.deal.id, NewCard(view))


def why_not_posted(error: str) -> str:
    """What to tell a seller whose card could not be posted, and how to fix it."""
    if error in ("not_in_channel", "method_not_supported_for_channel_type"):
        return _(
            "I'm not in this channel and can't join it by myself. "
            "Invite me with `/invite @dealbot` so the next cards are posted here; "
            "`/deal show` shows this deal meanwhile."
        )
    if error == "channel_not_found":
        return _(
            "I can't post in this conversation (a private channel or a DM I'm not part of). "
            "Invite me with `/invite @dealbot` so the next cards are posted here, or run "
            "`/deal new` in a channel I'm in."
        )
    return _("Slack refused the card here ({error}).").format(error=error)


def _post_card(client: WebClient, row: Outbox, v: DealView, thread: str | None) -> dict:
    # dealbot posts only as a member (no chat:write.public: it must be in the channel to
    # hear replies in the card's thread). `/deal new` joined a public channel already;
    # if someone removed dealbot since, a new card there joins it again.
    message = {"text": card_text(v), "blocks": deal_card(v)}
    if thread:  # a lead created from a message: the card goes in its thread
        message["thread_ts"] = thread
    # A refused join keeps not_in_channel: send_card tells the creator to invite dealbot.
    return joining(
        client, row.channel_id, lambda: post_once(client, row, channel=row.channel_id, **message)
    )


def _tell_creator(client: WebClient, row: Outbox, text: str) -> None:
    """Tell whoever created the deal, where they typed: the command's response_url, else
    an ephemeral in the channel, else their DM with dealbot."""
    url = json.loads(row.payload or "{}").get("response_url")
    try:
        if url:
            WebhookClient(url).send(text=text, response_type="ephemeral", replace_original=False)
            return
        client.chat_postEphemeral(channel=row.channel_id, user=row.user_id, text=text)
    except Exception:  # the channel refuses us; the DM always reaches them
        client.chat_postMessage(channel=row.user_id, text=text)


def send_card(client: WebClient, row: Outbox) -> Sent:
    """A new deal's card in its channel, from the view its command handed on (NewCard) or
    read now; its ts recorded with the row's completion, and the card made again when the
    deal changed since that view (a change made meanwhile found no card to update)."""
    known = handed()
    v, origin = (isinstance(known, NewCard) and known.read(row)) or _card(row)
    if v is None:
        return Sent()
    try:
        posted = _post_card(client, row, v, reads.thread_in(origin, v.deal.channel_id))
    except SlackApiError as e:
        error = e.response.get("error", "")
        if error not in _CANNOT_POST:
            raise
        _tell_creator(
            client,
            row,
            _("{deal} is saved, but its card is not posted: {why}").format(
                deal=fmt.deal_title(v.deal), why=why_not_posted(error)
            ),
        )
        return Sent()

    def record(s) -> None:
        behind = deals.set_card(
            session=s,
            team_id=row.team_id,
            deal_id=v.deal.id,
            channel_id=posted["channel"],
            ts=posted["ts"],
            shown=v.deal,
        )
        if behind:  # changed since the card was made: made again
            effects.card_behind(
                session=s, team_id=row.team_id, deal_id=v.deal.id, channel_id=posted["channel"]
            )

    return Sent(ts=posted["ts"], record=record)


def _card_refused(e: SlackApiError, number: int) -> Sent:
    error = e.response.get("error", "")
    if error in CHANNEL_REFUSES:
        raise Paused(error) from e
    if error not in _CARD_GONE:
        raise e
    log.info("card of #%s is gone: %s", number, error)
    return Sent()


def send_card_update(client: WebClient, row: Outbox) -> Sent:
    """The card updated in place with the deal's newest state (idempotent)."""
    v, _origin = _card(row)
    if v is None or not (v.deal.channel_id and v.deal.card_ts):
        return Sent()
    d = v.deal
    try:
        client.chat_update(
            channel=d.channel_id, ts=d.card_ts, text=card_text(v), blocks=deal_card(v)
        )
    except SlackApiError as e:
        return _card_refused(e, d.number)
    return Sent(ts=d.card_ts)


def send_thread_line(client: WebClient, row: Outbox) -> Sent:
    """One change as one line in the card's thread: the deal's record."""
    with single_read() as s:
        line = reads.line(
            session=s, team_id=row.team_id, deal_id=row.deal_id, activity_id=row.ref_id
        )
    if line is None or not (line.channel_id and line.card_ts) or line.change is None:
        return Sent()
    try:
        posted = post_once(
            client,
            row,
            channel=line.channel_id,
            thread_ts=reads.thread_in(line.origin, line.channel_id) or line.card_ts,
            text=fmt.activity(line.change),
        )
    except SlackApiError as e:
        return _card_refused(e, line.number)
    return Sent(ts=posted["ts"])


def send_owner_dm(client: WebClient, row: Outbox) -> Sent:
    """One DM line to the owner about changes someone else made to their deal."""
    ids = json.loads(row.payload or "{}").get("activities", [])
    with single_read() as s:
        d = reads.deal(session=s, team_id=row.team_id, deal_id=row.deal_id)
        changes = reads.changes(session=s, team_id=row.team_id, ids=ids)
    if d is None:
        return Sent()
    lines = "; ".join(fmt.activity(a) for a in changes)
    text = _("{changes} (`/deal notify off` stops these.)").format(
        changes=fmt.sentence(_("{deal}: {changes}").format(deal=fmt.deal_title(d), changes=lines))
    )
    return Sent(ts=dm_once(client, row, text=text)["ts"])


def send_handoff_dm(client: WebClient, row: Outbox) -> Sent:
    """A handoff brings the new owner the card by DM."""
    v, _origin = _card(row)
    if v is None:
        return Sent()
    actor = json.loads(row.payload or "{}").get("actor")
    text = _("{who} handed {deal} over to you.").format(
        who=fmt.user(actor), deal=fmt.deal_title(v.deal)
    )
    return Sent(ts=dm_once(client, row, blocks=deal_card(v), text=text)["ts"])


SENDERS = {
    "card_post": send_card,
    "card_update": send_card_update,
    "thread_line": send_thread_line,
    "owner_dm": send_owner_dm,
    "handoff_dm": send_handoff_dm,
}
