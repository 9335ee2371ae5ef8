"""Buttons and selects on deal cards, lists and Home."""

from collections.abc import Callable
from typing import Any

from slack_bolt import App, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.deals import effects, outcomes
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.teams import access
from bot.teams.access import require_change
from handlers.deals.blocks import list_blocks, list_title
from handlers.deals.clicks import Click, answerable, answered, clicked, teller
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
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.ids import Action
from handlers.kit.inbound import action_value, trigger_of
from handlers.kit.metadata import DealAt, ModalMeta, MoveValue
from handlers.kit.units import one_unit
from handlers.links import words as link_words
from handlers.links.clicks import from_unfurl
from storage.db import read_scope, session_scope
from storage.models import Deal

PAGE_DIGITS = 6  # a list offset or history page with more digits comes from a forged button


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
    try:  # Slack is asked who is an admin with no unit of work open (access.py)
        view = access.asking_first(lambda: change(team_id, user_id))
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


def changer(load: Callable[[str], Any], change: Callable[..., DealView]) -> Callable[..., None]:
    """A listener for a button that changes its deal: `load` reads the button's value, then
    `change(s, team_id, user_id, value)` runs in one unit of work; refused, see apply."""

    def run(c: Click) -> None:
        def act(team_id: str, user_id: str) -> DealView:
            value = load(c.value)
            with session_scope() as s:
                return change(s, team_id, user_id, value)

        apply(c.body, c.client, c.respond, c.team_id, act, number_in(c.action))

    return clicked(run)


def mover(force: bool = False) -> Callable[..., None]:
    """Listener for Advance, the stage menu (and, forced, Move anyway): a guarded move."""

    def move(s, team_id: str, user_id: str, mv: MoveValue) -> DealView:
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

    return changer(MoveValue.load, move)


def closer(operation: Callable[..., DealView]) -> Callable[..., None]:
    """Listener for a card button that closes or reopens the deal the card shows."""

    def close(s, team_id: str, user_id: str, at: DealAt) -> DealView:
        return operation(
            session=s, team_id=team_id, actor=user_id, ref=str(at.deal), expected_stage_id=at.stage
        )

    return changer(DealAt.load, close)


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
    Action.lost: "lost",
    Action.tag: "tagged",
    Action.next_step: "next",
    Action.snooze: "snoozed",
}


@answered
def on_form_button(c: Click) -> None:
    """Lost, Add note, Tag teammates: open the form for the deal the card shows."""
    at = DealAt.load(c.value)
    trigger, kind = trigger_of(c.body), c.action["action_id"]

    def allowed(s: Session) -> Deal:
        deal = deals.get(session=s, team_id=c.team_id, ref=str(at.deal))
        if kind in CHANGES:  # refused before the form is filled in
            require_change(s, deal, c.user_id, CHANGES[kind])
        return deal

    deal = one_unit(allowed, read_scope)  # only reads: no turn at the writer's lock
    if kind != Action.add_note:  # an archived deal still takes notes
        deals.changeable(deal)
    meta = ModalMeta(channel=c.context.channel_id, deal=deal.number, stage=at.stage)
    c.client.views_open(trigger_id=trigger, view=FORMS[kind](meta, fmt.deal_title(deal)))


@answered
def on_list_page(c: Click) -> None:
    """Next page of a list: replaces the list message."""
    offset_text, _, scope = c.value.partition("|")
    offset = small_number(offset_text)
    if offset is None or not answerable(c.body):  # forged, or nothing to replace
        raise InvalidInput("broken_list_button")
    page = page_of(c.team_id, c.user_id, scope, offset)
    c.respond(text=list_title(page), replace_original=True, blocks=list_blocks(page))


@answered
def on_history_page(c: Click) -> None:
    """Older entries of a deal's history: replaces the shown deal with that page."""
    number, _, page_text = c.value.partition(":")
    page = small_number(page_text or "0")
    if page is None:
        raise InvalidInput("broken_card_button")
    if from_home(c.body):
        show_on_home(c.client, c.team_id, c.user_id, number, page)
        return
    if not answerable(c.body):
        raise InvalidInput("broken_card_button")  # nothing to replace
    c.respond(replace_original=True, **shown(c.team_id, number, page))


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
