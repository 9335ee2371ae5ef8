"""Republishing a Home tab: when it is opened, by its buttons, and for an outbox row."""

from slack_sdk import WebClient

from bot.home.service import my_deals
from bot.runtime.answering import after_ack
from bot.runtime.sending import Sent
from handlers.home.blocks import home_view
from storage.db import read_scope
from storage.models import Outbox
from storage.types import utcnow


def refresh_home(
    client: WebClient,
    team_id: str,
    user_id: str,
    notice: str | None = None,
    offer: list[dict] | None = None,
) -> None:
    """Build and publish the user's Home tab (my deals), with an optional one-line notice or
    an offer (a refusal with its buttons); in a request, after its answer."""
    after_ack(lambda: publish_home(client, team_id, user_id, notice, offer))


def publish_home(
    client: WebClient,
    team_id: str,
    user_id: str,
    notice: str | None = None,
    offer: list[dict] | None = None,
) -> None:
    """Build and publish the user's Home tab now."""
    with read_scope() as s:
        my = my_deals(session=s, team_id=team_id, user_id=user_id, now=utcnow())
    client.views_publish(user_id=user_id, view=home_view(my, notice=notice, offer=offer))


def send_home(client: WebClient, row: Outbox) -> Sent:
    """An outbox row's Home refresh: the newest state, published (idempotent)."""
    publish_home(client, row.team_id, row.user_id)
    return Sent()
