"""Posting and refreshing deal cards: the card is the deal's home, its thread the record."""

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deals import service as deals
from bot.deals.service import DealView
from handlers.deals.card import deal_card
from handlers.home.refresh import refresh_homes
from handlers.kit import text as fmt
from storage.db import session_scope

log = logging.getLogger("dealbot")

_CARD_GONE = {
    "message_not_found",
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "cant_update_message",
}
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
    return f"{fmt.deal_title(v.deal)} · {fmt.value(v.deal)} · {v.stage.name}"


def post_card(client: WebClient, v: DealView, channel: str) -> str | None:
    """Post the card in the channel, joining it if needed; None with a reason logged if not."""
    kwargs = {"channel": channel, "text": card_text(v), "blocks": deal_card(v)}
    try:
        resp = client.chat_postMessage(**kwargs)
    except SlackApiError as e:
        if e.response.get("error") != "not_in_channel":
            raise
        try:
            client.conversations_join(channel=channel)
        except SlackApiError as join_error:
            log.info("cannot join %s: %s", channel, join_error.response.get("error"))
            raise e from join_error
        resp = client.chat_postMessage(**kwargs)
    with session_scope() as s:
        deals.set_card(
            session=s,
            team_id=v.deal.team_id,
            deal_id=v.deal.id,
            channel_id=resp["channel"],
            ts=resp["ts"],
        )
    v.deal.channel_id, v.deal.card_ts = resp["channel"], resp["ts"]
    return resp["ts"]


def why_not_posted(error: str) -> str:
    """What to tell a seller whose card could not be posted, and how to fix it."""
    if error in ("not_in_channel", "method_not_supported_for_channel_type"):
        return (
            "I'm not in this channel and can't join it by myself. "
            "Invite me with `/invite @dealbot` and run `/deal show` to post the card here."
        )
    if error == "channel_not_found":
        return (
            "I can't post in this conversation (a private channel or a DM I'm not part of). "
            "Run `/deal` in a channel I'm in, or invite me with `/invite @dealbot`."
        )
    return f"Slack refused the card here ({error})."


def post_or_explain(
    client: WebClient, v: DealView, channel: str, tell: Callable[[str], object]
) -> bool:
    """Post the card; when Slack refuses, the deal stays created and the seller is told why."""
    try:
        post_card(client, v, channel)
        return True
    except SlackApiError as e:
        error = e.response.get("error", "")
        if error not in _CANNOT_POST:
            raise
        tell(
            f"{fmt.deal_title(v.deal)} is saved, but its card is not posted: "
            f"{why_not_posted(error)}"
        )
        return False


def refresh_card(client: WebClient, v: DealView) -> None:
    """Update the deal's card in place, wherever it was posted."""
    d = v.deal
    if not (d.channel_id and d.card_ts):
        return
    try:
        client.chat_update(
            channel=d.channel_id, ts=d.card_ts, text=card_text(v), blocks=deal_card(v)
        )
    except SlackApiError as e:
        # A deleted card or a channel dealbot left must not stop the thread line, the
        # owner's DM or the Home tabs: the change itself is saved.
        if e.response.get("error") not in _CARD_GONE:
            raise
        log.info("card of #%s is gone: %s", d.number, e.response.get("error"))


def created(
    client: WebClient,
    view: DealView,
    channel: str | None,
    actor: str,
    tell: Callable[[str], object],
) -> None:
    """After a deal is created: its card in the channel (or a word on why not), its first
    thread line, and the Home tabs of its creator and owner."""
    if channel and post_or_explain(client, view, channel, tell):
        post_thread(client, view)
    refresh_homes(client, view.deal.team_id, [actor, view.deal.owner_id])


def changed(client: WebClient, view: DealView, actor: str) -> None:
    """After any change to a deal: its card updated in place, and the Home of everyone on it."""
    refresh_card(client, view)
    post_thread(client, view)
    tell_owner(client, view, actor)
    refresh_homes(client, view.deal.team_id, [actor, view.deal.owner_id, *view.collaborators])


def post_thread(client: WebClient, view: DealView) -> None:
    """Each change just made, as one line in the card's thread: the deal's record."""
    d = view.deal
    if not (d.channel_id and d.card_ts):
        return
    try:
        for a in view.changes:
            client.chat_postMessage(channel=d.channel_id, thread_ts=d.card_ts, text=fmt.activity(a))
    except SlackApiError as e:
        if e.response.get("error") not in _CARD_GONE:
            raise
        log.info("thread of #%s is gone: %s", d.number, e.response.get("error"))


def tell_owner(client: WebClient, view: DealView, actor: str) -> None:
    """A handoff brings the new owner the card; any other change by someone else, one DM line."""
    from bot.threads import service as threads

    d, changes = view.deal, view.changes
    if any(a.kind == "owner" for a in changes) and d.owner_id != actor:
        client.chat_postMessage(
            channel=d.owner_id,
            blocks=deal_card(view),
            text=f"{fmt.user(actor)} handed {fmt.deal_title(d)} over to you.",
        )
        return
    if d.owner_id == actor or not changes:
        return
    with session_scope() as s:
        if not threads.wants_dms(session=s, team_id=d.team_id, user_id=d.owner_id):
            return
    lines = "; ".join(fmt.activity(a) for a in changes)
    client.chat_postMessage(
        channel=d.owner_id, text=f"{fmt.deal_title(d)}: {lines}. (`/deal notify off` stops these.)"
    )
