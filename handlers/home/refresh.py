"""Republishing Home tabs after a change: only for the people who have opened theirs."""

from slack_sdk import WebClient

from bot.home.service import my_deals
from bot.runtime.outbox import Sent
from bot.threads import service as threads
from handlers.home.blocks import home_view
from storage.db import session_scope
from storage.models import Outbox
from storage.types import utcnow


def refresh_homes(client: WebClient, team_id: str, user_ids: list[str]) -> None:
    """Republish the Home tab of those of the people who have opened it."""
    with session_scope() as s:
        viewers = threads.home_viewers(
            session=s, team_id=team_id, user_ids=list(dict.fromkeys(user_ids))
        )
    for user_id in viewers:
        refresh_home(client, team_id, user_id)


def refresh_home(client: WebClient, team_id: str, user_id: str, notice: str | None = None) -> None:
    """Build and publish the user's Home tab (my deals), with an optional one-line notice."""
    with session_scope() as s:
        my = my_deals(session=s, team_id=team_id, user_id=user_id, now=utcnow())
    client.views_publish(user_id=user_id, view=home_view(my, notice=notice))


def send_home(client: WebClient, row: Outbox) -> Sent:
    """An outbox row's Home refresh: the newest state, published (idempotent)."""
    refresh_home(client, row.team_id, row.user_id)
    return Sent()
