"""The message shortcut "Add to deal…": pick a deal as you type, the message becomes a note
with its author, time and link, and the teammates it mentions can be tagged in one click."""

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.common.errors import DomainError, InvalidInput
from bot.deals import edits
from bot.i18n import _
from bot.shortcuts import reading
from bot.shortcuts import service as shortcuts
from handlers.deals.changes import check_people
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.forms import display_names, form_values, refusal
from handlers.kit.ids import Shortcut
from handlers.kit.inbound import SLACK_ID, action_value, clean, team_of
from handlers.kit.metadata import MessageOrigin, ModalMeta
from handlers.kit.units import one_unit
from handlers.shortcuts import blocks, message, words
from handlers.shortcuts.lead import answer
from storage.db import session_scope

log = logging.getLogger("dealbot")

NOTE_MAX = 1800  # of the note carried in the form (private_metadata holds 3,000 in all)
META_MAX = 3000


def note_text(said: message.Said, author: message.Author, link: str, quote: str) -> str:
    """`Message from Ann Lee in #inbound, 2026-11-30 09:12 UTC: <text> <link>`, cut to fit."""
    when = said.at.strftime("%Y-%m-%d %H:%M UTC")
    channel = said.channel_name or said.channel
    head = words.NOTE_HEAD.format(author=author.name, channel=channel, when=when)
    room = NOTE_MAX - len(head) - len(link) - 3
    return f"{head} {reading.cut(quote, max(room, 20))}\n{link}"


def on_add_to_deal(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, respond: Respond
) -> None:
    """The message shortcut: check the message, then open the deal picker."""
    ack()
    team_id, user_id = team_of(context), body["user"]["id"]

    def work() -> None:
        said = message.read(body, team_id, "note")
        author = message.author(client, said, team_id, "note")
        link = message.permalink(client, body, said, "note")
        people = message.mentioned_people(said.text, skip={user_id, context.bot_user_id})
        quote = message.quoted(said.text, display_names(client, people))
        origin = MessageOrigin(
            channel=said.channel,
            thread=said.thread,
            link=link,
            note=note_text(said, author, link, quote),
            mentioned=people,
        )
        meta = ModalMeta(origin=origin)
        while len(meta.dump()) > META_MAX and origin.note:  # quotes and newlines escaped
            origin.note = origin.note[: len(origin.note) * 3 // 4]
        client.views_open(trigger_id=body["trigger_id"], view=blocks.add_modal(meta, quote))

    answer(work, respond)


def on_suggest(ack: Ack, body: dict, context: BoltContext) -> None:
    """Options of the deal picker for what the user has typed (block_suggestion)."""
    typed = clean(body.get("value"), lines=False)
    with session_scope() as s:
        found = shortcuts.deal_choices(session=s, team_id=team_of(context), typed=typed)
        options = blocks.options(found)
    ack(options=options)


def on_add(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    """The picked deal gets the note; the form then offers to tag the people mentioned."""
    team_id, user_id = team_of(context), body["user"]["id"]
    try:
        meta = ModalMeta.load(view.get("private_metadata"))
        if meta.origin is None or not meta.origin.note:
            raise InvalidInput("broken_form")
        number = form_values(view).get(Shortcut.deal_block, "")
        if not number.isdigit():
            raise InvalidInput("deal_missing")
        with session_scope() as s:
            v = edits.note(
                session=s, team_id=team_id, actor=user_id, ref=number, text=meta.origin.note
            )
            on_deal = {v.deal.owner_id, *v.collaborators}
            people = [u for u in meta.origin.mentioned if u not in on_deal]
            deal = v.deal
    except Exception as exc:
        ack(**refusal(view, {Shortcut.deal_block: errors.describe(exc)}, client))
        return
    ack(response_action="update", view=blocks.added_view(deal, people))


def on_tag(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """The one-click tag of the teammates the added message mentions."""
    ack()
    team_id, user_id = team_of(context), body["user"]["id"]
    view_id = (body.get("view") or {}).get("id")
    number, __, listed = action_value((body.get("actions") or [{}])[0]).partition(":")
    people = [u for u in listed.split(",") if SLACK_ID.fullmatch(u)][:20]
    try:
        if not number.isdigit() or not people:
            raise InvalidInput("broken_card_button")
        check_people(client, people)
        v, added, already = one_unit(
            lambda s: edits.tag(
                session=s,
                team_id=team_id,
                actor=user_id,
                ref=number,
                user_ids=people,
                reason=words.TAG_REASON,
            )
        )
        who = ", ".join(fmt.user(u) for u in added + already)
        text = _(words.TAGGED).format(people=who, deal=fmt.deal_title(v.deal))
    except DomainError as exc:
        text = errors.words(exc)
    except Exception as exc:
        text = errors.describe(exc)
    if view_id:
        client.views_update(view_id=view_id, view=blocks.said_view(text))


def register(app: App) -> None:
    """Register "Add to deal…": the shortcut, its picker's options, its form and button."""
    app.shortcut(Shortcut.add_to_deal)(on_add_to_deal)
    app.options(Shortcut.deal_input)(on_suggest)
    app.view(Shortcut.add_modal)(on_add)
    app.action(Shortcut.tag_mentioned)(on_tag)
