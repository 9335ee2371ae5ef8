"""Buttons and selects on deal cards, lists and Home."""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.common.errors import InvalidInput
from bot.deals import effects, outcomes
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.teams.access import require_change
from handlers.deals.blocks import list_blocks, list_title
from handlers.deals.listing import page_of, shown
from handlers.deals.modals import (
    contact_modal,
    lost_modal,
    next_step_modal,
    note_modal,
    snooze_modal,
    tag_modal,
)
from handlers.home.listeners import from_home, show_on_home
from handlers.home.refresh import refresh_home
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.ids import Action
from handlers.kit.inbound import action_value, team_of, trigger_of
from handlers.kit.metadata import DealAt, ModalMeta, MoveValue
from handlers.links import words as link_words
from handlers.links.clicks import from_unfurl
from storage.db import read_scope, session_scope

log = logging.getLogger("dealbot")
PAGE_DIGITS = 6  # a list offset or history page with more digits comes from a forged button


def teller(
    body: dict, respond: Respond | None, client: WebClient, team_id: str
) -> Callable[..., None]:
    """How to answer the clicking user only: on the message, or as a notice on their Home."""
    if from_home(body):  # an offer carries its own text
        return lambda text, blocks=None: refresh_home(
            client, team_id, body["user"]["id"], None if blocks else text, offer=blocks
        )

    def tell(text: str, blocks: list[dict] | None = None) -> None:
        if not answerable(body):
            log.warning("no response_url to answer a click on")
            return
        respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    return tell


def answerable(body: dict) -> bool:
    """Whether a click came with a response_url (Slack's always do, but on Home)."""
    return isinstance(body.get("response_url"), str) and bool(body["response_url"])


def apply(
    body: dict,
    client: WebClient,
    respond: Respond | None,
    team_id: str,
    change: Callable[[str, str], DealView],
    deal_number: int | None,
) -> None:
    """Run one change for the clicking user; refresh the card either way; tell them if refused."""
    user_id = body["user"]["id"]
    tell = teller(body, respond, client, team_id)
    try:
        view = change(team_id, user_id)
    except Exception as exc:
        offer = errors.offer(exc)
        if offer:
            tell(errors.describe(exc), offer)
        else:
            tell(errors.describe(exc))
        if deal_number is not None:
            errors.guarded(
                lambda: refresh_by_number(client, team_id, deal_number), tell, saved=False
            )
        return
    if from_unfurl(body):  # not on the card, which shows the change: say what happened
        tell(link_words.moved(view))


def refresh_by_number(client: WebClient, team_id: str, number: int) -> None:
    """Bring a stale card up to date after a refused click."""
    with session_scope() as s:
        effects.card_changed(session=s, deal=deals.get(session=s, team_id=team_id, ref=str(number)))


def number_in(value: Any) -> int | None:
    """The deal number at the front of a button's value (or of an action's), if it has one."""
    value = action_value(value) if isinstance(value, dict) else value
    head = value.split(":", 1)[0] if isinstance(value, str) else ""
    return int(head) if head.isascii() and head.isdigit() and len(head) <= 9 else None


def small_number(text: str) -> int | None:
    """A page or offset a button carries, or None when it is not one (a forged button)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= PAGE_DIGITS else None


def mover(force: bool = False) -> Callable[..., None]:
    """Listener for Advance, the stage menu (and, forced, Move anyway): a guarded move."""

    def on_move(
        ack: Ack,
        body: dict,
        action: dict,
        client: WebClient,
        respond: Respond,
        context: BoltContext,
    ) -> None:
        ack()

        def change(team_id: str, user_id: str) -> DealView:
            mv = MoveValue.load(action_value(action))
            with session_scope() as s:
                return deals.move(
                    session=s,
                    team_id=team_id,
                    actor=user_id,
                    ref=str(mv.deal),
                    to_stage_id=mv.to,
                    expected_stage_id=mv.frm,
                    force=force,
                    brief=True,  # the click's answer names the deal and its stage only
                ).view

        apply(body, client, respond, team_of(context), change, number_in(action))

    return on_move


def closer(operation: Callable[..., DealView]) -> Callable[..., None]:
    """Listener for a card button that closes or reopens the deal the card shows."""

    def on_click(
        ack: Ack,
        body: dict,
        action: dict,
        client: WebClient,
        respond: Respond,
        context: BoltContext,
    ) -> None:
        ack()

        def change(team_id: str, user_id: str) -> DealView:
            at = DealAt.load(action_value(action))
            with session_scope() as s:
                return operation(
                    session=s,
                    team_id=team_id,
                    actor=user_id,
                    ref=str(at.deal),
                    expected_stage_id=at.stage,
                )

        apply(body, client, respond, team_of(context), change, number_in(action))

    return on_click


FORMS = {
    Action.lost: lost_modal,
    Action.add_note: note_modal,
    Action.tag: tag_modal,
    Action.add_contact: contact_modal,
    Action.next_step: next_step_modal,
    Action.snooze: snooze_modal,
}
# The forms that change the deal, by the change they make (notes and contacts are open).
CHANGES = {
    Action.lost: "lost", Action.tag: "tagged", Action.next_step: "next", Action.snooze: "snoozed"
}


def on_form_button(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Lost, Add note, Tag teammates: open the form for the deal the card shows."""
    ack()
    tell = teller(body, respond, client, team_of(context))
    try:
        at = DealAt.load(action_value(action))
        trigger = trigger_of(body)
        with read_scope() as s:  # only reads: no turn at the writer's lock
            deal = deals.get(session=s, team_id=team_of(context), ref=str(at.deal))
            if action["action_id"] in CHANGES:  # refused before the form is filled in
                require_change(s, deal, body["user"]["id"], CHANGES[action["action_id"]])
        if action["action_id"] != Action.add_note:  # an archived deal still takes notes
            deals.changeable(deal)
        meta = ModalMeta(channel=context.channel_id, deal=deal.number, stage=at.stage)
        form = FORMS[action["action_id"]](meta, fmt.deal_title(deal))
        client.views_open(trigger_id=trigger, view=form)
    except Exception as exc:
        tell(errors.describe(exc))


def on_list_page(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Next page of a list: replaces the list message."""
    ack()
    team_id = team_of(context)
    tell = teller(body, respond, client, team_id)
    try:
        offset_text, _, scope = action_value(action).partition("|")
        offset = small_number(offset_text)
        if offset is None or not answerable(body):  # forged, or nothing to replace
            raise InvalidInput("broken_list_button")
        page = page_of(team_id, body["user"]["id"], scope, offset)
        respond(text=list_title(page), replace_original=True, blocks=list_blocks(page))
    except Exception as exc:
        tell(errors.describe(exc))


def on_history_page(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Older entries of a deal's history: replaces the shown deal with that page."""
    ack()
    team_id = team_of(context)
    tell = teller(body, respond, client, team_id)
    try:
        number, _, page_text = action_value(action).partition(":")
        page = small_number(page_text or "0")
        if page is None:
            raise InvalidInput("broken_card_button")
        if from_home(body):
            show_on_home(client, team_id, body["user"]["id"], number, page)
            return
        if not answerable(body):
            raise InvalidInput("broken_card_button")  # nothing to replace
        respond(replace_original=True, **shown(team_id, number, page))
    except Exception as exc:
        tell(errors.describe(exc))


def register(app: App) -> None:
    """Register the card's actions."""
    app.action(Action.advance)(mover())
    app.action(Action.stage_select)(mover())
    app.action(Action.won)(closer(outcomes.won))
    app.action(Action.reopen)(closer(outcomes.reopen))
    for action in FORMS:
        app.action(action)(on_form_button)
    app.action(Action.list_page)(on_list_page)
    app.action(Action.history_page)(on_history_page)
