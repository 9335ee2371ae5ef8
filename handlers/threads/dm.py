"""Something typed in dealbot's DM (its Messages tab) gets the /deal help there.

dealbot holds no conversation: it answers a person's plain message with how to use
`/deal`, which works in that DM too. It never answers a bot (itself included), an edit,
a deletion or any other message subtype, nor Slack's retry of an event it already got.
A file a person shares there (subtype file_share) is offered for import as a CSV of deals.
"""

from slack_bolt import App, BoltContext, BoltRequest
from slack_sdk import WebClient

from bot.i18n import N_, _
from handlers.commands import HELP
from handlers.imports import listeners as shared
from handlers.kit import blocks

HINT = N_(
    "I work through the `/deal` command, and it works right here too. Here is what it does:"
)


def in_dm(event: dict) -> bool:
    """A message event from a DM with dealbot."""
    return event.get("channel_type") == "im"


def is_a_person(event: dict, context: BoltContext) -> bool:
    """Sent by a person: no bot, not us."""
    user = event.get("user")
    return not event.get("bot_id") and bool(user) and user != context.bot_user_id


def is_a_person_typing(event: dict, context: BoltContext) -> bool:
    """A new message a person wrote: no subtype (edits, joins, bot posts), no bot, not us."""
    return "subtype" not in event and is_a_person(event, context)


def is_a_person_sharing(event: dict, context: BoltContext) -> bool:
    """Files a person shared (subtype file_share); not the bot's own uploads (exports)."""
    return event.get("subtype") == "file_share" and is_a_person(event, context)


def on_dm(event: dict, client: WebClient, context: BoltContext, request: BoltRequest) -> None:
    """Answer a person's message in dealbot's DM with the help, in its thread if it has one;
    files a person shares there are offered for import (handlers/imports)."""
    if request.headers.get("x-slack-retry-num"):
        return
    if is_a_person_sharing(event, context):
        shared.on_file_share(event, client, context)
        return
    if not is_a_person_typing(event, context):
        return
    client.chat_postMessage(
        channel=event["channel"],
        thread_ts=event.get("thread_ts"),
        text=_(HINT),
        blocks=blocks.help_blocks(HELP, _(HINT)),
    )


def register(app: App) -> None:
    """Register the DM listener (before the general message listener, which it shadows)."""
    app.event("message", matchers=[in_dm])(on_dm)
