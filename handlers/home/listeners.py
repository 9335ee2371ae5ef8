"""The Home tab: published when opened, after changes (refresh_home), and by its own buttons."""

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.home.service import my_deals
from bot.threads import service as threads
from handlers.deals.listing import shown
from handlers.home.blocks import home_view
from handlers.home.refresh import refresh_home
from handlers.kit import errors
from handlers.kit.ids import Action
from storage.db import session_scope
from storage.types import utcnow

log = logging.getLogger("dealbot")


def on_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    """The user opened the app: publish their Home tab (the Messages tab needs nothing)."""
    if event.get("tab") == "messages":
        return
    with session_scope() as s:
        threads.saw_home(session=s, team_id=context.team_id, user_id=event["user"])
    refresh_home(client, context.team_id, event["user"])


def on_show(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    """Show from Home: the deal's card and history expanded at the top of the Home tab."""
    ack()
    show_on_home(client, context.team_id, body["user"]["id"], action.get("value", ""), page=0)


def show_on_home(client: WebClient, team_id: str, user_id: str, ref: str, page: int) -> None:
    """Publish the Home tab with one deal expanded (one page of its history) on top."""
    try:
        expanded = shown(team_id, ref, page)["blocks"]
        with session_scope() as s:
            my = my_deals(session=s, team_id=team_id, user_id=user_id, now=utcnow())
    except Exception as exc:
        # A click on Home has no response_url: the answer goes on the Home tab itself.
        refresh_home(client, team_id, user_id, notice=errors.describe(exc))
        return
    client.views_publish(user_id=user_id, view=home_view(my, expanded=expanded))


def on_refresh(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """Back to my deals: the Home tab as it is now."""
    ack()
    refresh_home(client, context.team_id, body["user"]["id"])


def from_home(body: dict) -> bool:
    """True for a click on the Home tab, which has no response_url to answer on."""
    return (body.get("view") or {}).get("type") == "home"


def register(app: App) -> None:
    """Register the Home tab's event and buttons."""
    app.event("app_home_opened")(on_home_opened)
    app.action(Action.show, matchers=[from_home])(on_show)
    app.action(Action.home_refresh)(on_refresh)
