"""Buttons and selects on deal cards and lists."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import deals, listing
from handlers import blocks, cards, errors
from handlers.ids import Action
from handlers.values import MoveValue
from storage.db import session_scope


def on_move(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
    """Advance button or stage select: move the deal if it is still where the card says."""
    ack()
    team_id, user_id = body["team"]["id"], body["user"]["id"]

    def tell(text: str) -> None:
        respond(text=text, response_type="ephemeral", replace_original=False)

    raw = action.get("value") or action.get("selected_option", {}).get("value", "")
    try:
        mv = MoveValue.load(raw)
        with session_scope() as s:
            moved = deals.move(
                session=s,
                team_id=team_id,
                actor=user_id,
                ref=str(mv.deal),
                to_stage_id=mv.to,
                expected_stage_id=mv.frm,
            )
    except Exception as exc:
        tell(errors.describe(exc))
        errors.guarded(lambda: refresh_by_number(client, team_id, raw), tell)
        return
    errors.guarded(lambda: cards.refresh_card(client, moved.view), tell)


def refresh_by_number(client: WebClient, team_id: str, raw: str) -> None:
    """Bring a stale card up to date after a refused click."""
    try:
        number = MoveValue.load(raw).deal
    except Exception:
        return
    with session_scope() as s:
        view = deals.view(session=s, deal=deals.get(session=s, team_id=team_id, ref=str(number)))
    cards.refresh_card(client, view)


def on_list_page(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
    """Next page of a list: replaces the list message."""
    ack()
    try:
        offset = int(action["value"])
        with session_scope() as s:
            page = listing.open_deals(session=s, team_id=body["team"]["id"], offset=offset)
        respond(
            text=page.title,
            replace_original=True,
            blocks=blocks.list_blocks(page.views, page.total, page.title, page.offset),
        )
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    """Register the card's actions."""
    app.action(Action.advance)(on_move)
    app.action(Action.stage_select)(on_move)
    app.action(Action.list_page)(on_list_page)
