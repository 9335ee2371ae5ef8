"""Events: replies in a deal's thread become its history; edits and deletions follow."""

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.deals import effects
from bot.threads import service as threads
from handlers.kit.inbound import clean, team_of
from handlers.kit.mrkdwn import unescape
from handlers.threads import dm
from storage.db import session_scope

log = logging.getLogger("dealbot")


def is_from_a_bot(message: dict, context: BoltContext) -> bool:
    """Messages by dealbot itself or by any other bot are not teammates' words."""
    return (
        bool(message.get("bot_id"))
        or message.get("subtype") == "bot_message"
        or (message.get("user") in (None, context.bot_user_id))
    )


def on_message(event: dict, body: dict, client: WebClient, context: BoltContext) -> None:
    """A message event in a channel dealbot is in."""
    team_id, event_id = team_of(context), body.get("event_id")
    subtype, channel = event.get("subtype"), event.get("channel")
    with session_scope() as s:
        if subtype in (None, "thread_broadcast", "file_share"):
            if is_from_a_bot(event, context) or event.get("thread_ts") in (None, event["ts"]):
                return  # not a reply in a thread
            # Slack sends & < > as entities; the record keeps what was typed (escaped when shown).
            view = threads.reply(
                session=s,
                team_id=team_id,
                event_id=event_id,
                channel=channel,
                thread_ts=event["thread_ts"],
                ts=event["ts"],
                user=event["user"],
                text=unescape(clean(event.get("text"))),
            )
        elif subtype == "message_changed":
            message = event.get("message") or {}
            if is_from_a_bot(message, context):
                return
            view = threads.edited(
                session=s,
                team_id=team_id,
                event_id=event_id,
                ts=message.get("ts", ""),
                text=unescape(clean(message.get("text"))),
            )
        elif subtype == "message_deleted":
            view = threads.deleted(
                session=s, team_id=team_id, event_id=event_id, ts=event.get("deleted_ts", "")
            )
        else:
            return
        if view is not None and subtype in ("message_changed", "message_deleted"):
            effects.card_changed(session=s, deal=view.deal)  # a reply itself is an activity
    if view is None:
        log.info(
            "message event %s in %s is not about a deal, or was seen before", event_id, channel
        )
        return


def register(app: App) -> None:
    """Register the event listeners: dealbot's DM first, then threads in channels."""
    dm.register(app)
    app.event("message")(on_message)
