"""What a listener knows about the request, and what it answers."""

from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient


@dataclass
class Ctx:
    """Who asked, where, and the means to answer."""

    team_id: str
    user_id: str
    channel_id: str | None
    client: WebClient
    tell: Callable[[str], object]  # an ephemeral line to the user
    trigger_id: str | None = None
    response_url: str | None = None
    channel_name: str | None = None  # as the command payload names it ("directmessage", …)


@dataclass
class Reply:
    """The acknowledgement (what the user sees at once) and Slack work to do after it."""

    text: str | None = None
    blocks: list[dict] | None = None
    after: Callable[[], None] | None = None


def quick(client: WebClient) -> WebClient:
    """The same client for calls made before the ack: a short timeout and no retries, so
    Slack's 3 seconds are never spent waiting out a rate limit."""
    return WebClient(token=client.token, base_url=client.base_url, timeout=2)
