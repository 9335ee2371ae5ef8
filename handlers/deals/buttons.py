"""Buttons and selects on deal cards, lists and Home."""

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deals import outcomes
from bot.deals import service as deals
from bot.deals.service import DealView
from handlers.deals import posting as cards
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
from handlers.kit.metadata import DealAt, ModalMeta, MoveValue
from storage.db import session_scope


def teller(body: dict, respond: Respond, client: WebClient) -> Callable[[str], None]:
    """How to answer the clicking user only: on the message, or as a notice on their Home."""
    if from_home(body):
        return lambda text: refresh_home(client, body["team"]["id"], body["user"]["id"], text)

    def tell(text: str, blocks: list[dict] | None = None) -> None:
        respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    return tell


def apply(
    body: dict,
    client: WebClient,
    respond: Respond,
    change: Callable[[str, str], DealView],
    deal_number: int | None,
) -> None:
    """Run one change for the clicking user; refresh the card either way; tell them if refused."""
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    tell = teller(body, respond, client)
    try:
        view = change(team_id, user_id)
    except Exception as exc:
        offer = errors.offer(exc)
        if offer and not from_home(body):
            tell(errors.describe(exc), offer)
        else:
            tell(errors.describe(exc))
        if deal_number is not None:
            errors.guarded(
                lambda: refresh_by_number(client, team_id, deal_number), tell, saved=False
            )
        return
    errors.guarded(lambda: cards.changed(client, view, user_id), tell)


def refresh_by_number(client: WebClient, team_id: str, number: int) -> None:
    """Bring a stale card up to date after a refused click."""
    with session_scope() as s:
        view = deals.view(session=s, deal=deals.get(session=s, team_id=team_id, ref=str(number)))
    cards.refresh_card(client, view)


def number_in(raw: str) -> int | None:
    """The deal number at the front of a button value, if it has one."""
    head = raw.split(":", 1)[0]
    return int(head) if head.isdigit() else None


def mover(force: bool = False) -> Callable[..., None]:
    """Listener for Advance, the stage menu (and, forced, Move anyway): a guarded move."""

    def on_move(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()
        raw = action.get("value") or action.get("selected_option", {}).get("value", "")

        def change(team_id: str, user_id: str) -> DealView:
            mv = MoveValue.load(raw)
            with session_scope() as s:
                return deals.move(
                    session=s,
                    team_id=team_id,
                    actor=user_id,
                    ref=str(mv.deal),
                    to_stage_id=mv.to,
                    expected_stage_id=mv.frm,
                    force=force,
                ).view

        apply(body, client, respond, change, number_in(raw))

    return on_move


def closer(operation: Callable[..., DealView]) -> Callable[..., None]:
    """Listener for a card button that closes or reopens the deal the card shows."""

    def on_click(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()

        def change(team_id: str, user_id: str) -> DealView:
            at = DealAt.load(action["value"])
            with session_scope() as s:
                return operation(
                    session=s,
                    team_id=team_id,
                    actor=user_id,
                    ref=str(at.deal),
                    expected_stage_id=at.stage,
                )

        apply(body, client, respond, change, number_in(action["value"]))

    return on_click


FORMS = {
    Action.lost: lost_modal,
    Action.add_note: note_modal,
    Action.tag: tag_modal,
    Action.add_contact: contact_modal,
    Action.next_step: next_step_modal,
    Action.snooze: snooze_modal,
}


def on_form_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
    """Lost, Add note, Tag teammates: open the form for the deal the card shows."""
    ack()
    tell = teller(body, respond, client)
    try:
        at = DealAt.load(action["value"])
        with session_scope() as s:
            deal = deals.get(session=s, team_id=body["team"]["id"], ref=str(at.deal))
        channel = (body.get("channel") or {}).get("id")
        meta = ModalMeta(channel=channel, deal=deal.number, stage=at.stage)
        form = FORMS[action["action_id"]](meta, fmt.deal_title(deal))
        client.views_open(trigger_id=body["trigger_id"], view=form)
    except Exception as exc:
        tell(errors.describe(exc))


def on_list_page(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
    """Next page of a list: replaces the list message."""
    ack()
    try:
        offset_text, _, scope = action["value"].partition("|")
        page = page_of(body["team"]["id"], body["user"]["id"], scope, int(offset_text))
        respond(text=list_title(page), replace_original=True, blocks=list_blocks(page))
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)


def on_history_page(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond
) -> None:
    """Older entries of a deal's history: replaces the shown deal with that page."""
    ack()
    number, _, page = action["value"].partition(":")
    if from_home(body):
        show_on_home(client, body["team"]["id"], body["user"]["id"], number, int(page or 0))
        return
    try:
        respond(replace_original=True, **shown(body["team"]["id"], number, int(page)))
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)


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
