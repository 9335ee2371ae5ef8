"""The New lead form from a shortcut: "Create lead from message" and the global "New lead".

Both open the form of `/deal new` (handlers/deals/modals.py) and its submission
(handlers/deals/submissions.py) creates the deal; what differs is kept here: the form
prefilled from the message, the message (`MessageOrigin`) carried in private_metadata,
and where the card goes: in the message's thread when dealbot is in that channel or can
join it (a public channel), else in a channel picked in the form (required there).
"""

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.deals.service import DealView
from bot.i18n import _
from bot.shortcuts import reading
from bot.shortcuts import service as shortcuts
from handlers.deals.modals import new_lead_modal
from handlers.kit import errors
from handlers.kit.context import quick
from handlers.kit.ids import Block, Shortcut
from handlers.kit.inbound import team_of
from handlers.kit.metadata import MessageOrigin, ModalMeta
from handlers.kit.mrkdwn import escape
from handlers.shortcuts import message, words

log = logging.getLogger("dealbot")


def card_channel(meta: ModalMeta, values: dict) -> str | None:
    """Where the new deal's card goes: the channel picked in the form, else the message's
    channel (its thread) when dealbot can post there, else where `/deal new` was typed."""
    picked = values.get(Shortcut.card_channel)
    if picked:
        return picked
    if meta.origin is not None:
        return meta.origin.channel if meta.origin.in_thread else None
    return meta.channel


def cannot_post(client: WebClient, channel: str | None) -> str | None:
    """Why the card cannot go in a picked channel (plain text for the form), or None; a
    public channel dealbot is not in is joined, as `/deal new` does."""
    if not channel:
        return None
    client = quick(client)
    try:
        found = client.conversations_info(channel=channel)["channel"]
        if found.get("is_im") or found.get("is_mpim"):
            return _(words.NOT_A_CHANNEL)
        if found.get("is_archived"):
            return _(words.ARCHIVED)
        if not found.get("is_member") and not found.get("is_private"):
            client.conversations_join(channel=channel)
    except SlackApiError as e:
        if e.response.get("error") == "channel_not_found":
            return _(words.CANNOT_SEE)
        log.info("could not check channel %s: %s", channel, e.response.get("error"))
    except Exception as exc:  # slow or unreachable: the card's sender reports what happens
        log.info("could not check channel %s: %s", channel, type(exc).__name__)
    return None


def cannot_post_card(client: WebClient, meta: ModalMeta, values: dict) -> str | None:
    """For a shortcut's form: why the card cannot go where it would (plain text), or None;
    a public channel dealbot is not in is joined now, so the seller's confirmation (an
    ephemeral there) reaches them too."""
    if meta.origin is None and not values.get(Shortcut.card_channel):
        return None  # `/deal new`'s form: its channel was checked when it was opened
    return cannot_post(client, card_channel(meta, values))


def keep_origin(s: Session, v: DealView, user_id: str, meta: ModalMeta) -> None:
    """A lead created from a message keeps the message: its link in the history, the
    thread its card goes in, and a guest author as its source contact."""
    o = meta.origin
    if o is None:
        return
    origin = shortcuts.Origin(o.channel, o.thread, o.link, o.contact, o.email)
    shortcuts.record_origin(session=s, view=v, actor=user_id, origin=origin)


def fits_in_thread(client: WebClient, channel: str) -> bool:
    """Whether the card can go in the message's thread: dealbot is in that conversation,
    or it is a public channel dealbot can join; not in an archived one."""
    try:
        found = quick(client).conversations_info(channel=channel)["channel"]
    except Exception:  # not found (private, a DM it is not in) or no answer: ask for one
        return False
    if found.get("is_archived"):
        return False
    public = found.get("is_channel") and not found.get("is_private")
    return bool(found.get("is_member") or public)


def prefill(said: message.Said) -> dict[str, str]:
    """The form's fields from the message: name, company, value (see bot/shortcuts)."""
    text = message.name_line(said.text)
    found = {
        Block.name: reading.first_line(text),
        Block.company: reading.company(text) or "",
        Block.value: reading.amount_text(text) or "",
    }
    return {k: v for k, v in found.items() if v}


def intro(link: str, said: message.Said, author: message.Author, in_thread: bool) -> str:
    """What the form says above its fields: where the lead comes from, where its card goes."""
    name = f"|{escape(said.channel_name)}" if said.channel_name else ""
    lines = [
        _("From <{link}|a message> by {user} in {channel}.").format(
            link=link, user=f"<@{said.user}>", channel=f"<#{said.channel}{name}>"
        )
    ]
    lines.append(_(words.IN_THREAD) if in_thread else _(words.PICK_CHANNEL))
    if author.guest:
        who = escape(author.name) + (f" ({escape(author.email)})" if author.email else "")
        lines.append(_(words.CONTACT).format(who=who))
    return "\n".join(lines)


def on_lead_from_message(
    ack: Ack, body: dict, client: WebClient, context: BoltContext, respond: Respond
) -> None:
    """The message shortcut: check the message, then open the prefilled New lead form."""
    ack()
    team_id, user_id = team_of(context), body["user"]["id"]

    def work() -> None:
        said = message.read(body, team_id, "lead")
        author = message.author(client, said, team_id, "lead")
        link = message.permalink(client, body, said, "lead")
        in_thread = fits_in_thread(client, said.channel)
        origin = MessageOrigin(
            channel=said.channel,
            thread=said.thread,
            link=link,
            in_thread=in_thread,
            contact=author.name if author.guest else None,
            email=author.email,
        )
        view = new_lead_modal(
            ModalMeta(origin=origin),
            owner=user_id,
            prefill=prefill(said),
            intro=intro(link, said, author, in_thread),
            pick_channel=not in_thread,
        )
        client.views_open(trigger_id=body["trigger_id"], view=view)

    answer(work, respond)


def on_new_lead(ack: Ack, body: dict, client: WebClient) -> None:
    """The global shortcut: the New lead form, with a channel picker for the card."""
    ack()
    view = new_lead_modal(
        ModalMeta(), owner=body["user"]["id"], intro=_(words.GLOBAL_INTRO), pick_channel=True
    )
    client.views_open(trigger_id=body["trigger_id"], view=view)


def answer(work, respond: Respond) -> None:
    """Run a message shortcut's work; a refusal or a failure is told to the user only."""

    def tell(text: str) -> None:
        respond(text=text, response_type="ephemeral", replace_original=False)

    try:
        work()
    except message.Refused as r:
        tell(r.text)
    except Exception as exc:  # the user hears a reference; the log keeps the traceback
        try:
            tell(errors.describe(exc))
        except Exception:
            log.exception("could not tell the user about a failure")


def register(app: App) -> None:
    """Register the shortcuts that open the New lead form."""
    app.shortcut(Shortcut.lead_from_message)(on_lead_from_message)
    app.shortcut(Shortcut.new_lead)(on_new_lead)
