"""The Home tab: published when opened, after changes (refresh_home), and by its own buttons."""

import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.common.errors import InvalidInput
from bot.home.service import my_deals
from bot.threads import service as threads
from handlers.deals.listing import shown
from handlers.home.blocks import home_view
from handlers.home.refresh import refresh_home
from handlers.kit import errors
from handlers.kit.ids import Action
from handlers.kit.inbound import action_value, team_of
from storage.db import session_scope
from storage.types import utcnow

log = logging.getLogger("dealbot")


def on_home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
    """The user opened the app: publish their Home tab (the Messages tab needs nothing)."""
    user = event.get("user")
    if event.get("tab") == "messages" or not isinstance(user, str):
        return
    with session_scope() as s:
        threads.saw_home(session=s, team_id=team_of(context), user_id=user)
    refresh_home(client, team_of(context), user)


def on_show(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
    """Show from Home: the deal's card and history expanded at the top of the Home tab."""
    ack()
    team_id, user_id = team_of(context), body["user"]["id"]
    ref = action_value(action)
    if not ref:  # an old or forged button
        notice = errors.words(InvalidInput("broken_card_button"))
        refresh_home(client, team_id, user_id, notice=notice)
        return
    show_on_home(client, team_id, user_id, ref, page=0)


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
    refresh_home(client, team_of(context), body["user"]["id"])


def from_home(body: dict) -> bool:
    """True for a click on the Home tab, which has no response_url to answer on."""
    return (body.get("view") or {}).get("type") == "home"


def register(app: App) -> None:
    """Register the Home tab's event and buttons."""
    app.event("app_home_opened")(on_home_opened)
    app.action(Action.show, matchers=[from_home])(on_show)
    app.action(Action.home_refresh)(on_refresh)
