"""A click on a card, a list or Home: acknowledged at once, answered to the clicker only."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from handlers.home.listeners import from_home
from handlers.home.refresh import refresh_home
from handlers.kit import errors
from handlers.kit.inbound import action_value, team_of

log = logging.getLogger("dealbot")


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


@dataclass(frozen=True)
class Click:
    """One click on a button or a menu, as its listener is given it."""

    body: dict
    action: dict
    client: WebClient
    respond: Respond
    context: BoltContext

    @property
    def team_id(self) -> str:
        return team_of(self.context)

    @property
    def user_id(self) -> str:
        return self.body["user"]["id"]

    @property
    def value(self) -> str:
        return action_value(self.action)


def clicked(work: Callable[[Click], None]) -> Callable[..., None]:
    """A Bolt listener that acknowledges the click at once, then runs `work` on it."""

    def on_click(
        ack: Ack,
        body: dict,
        action: dict,
        client: WebClient,
        respond: Respond,
        context: BoltContext,
    ) -> None:
        ack()
        work(Click(body, action, client, respond, context))

    return on_click


def answered(work: Callable[[Click], None]) -> Callable[..., None]:
    """A listener running `work`; what goes wrong is told to the clicking user only."""

    def run(c: Click) -> None:
        tell = teller(c.body, c.respond, c.client, c.team_id)
        try:
            work(c)
        except Exception as exc:
            tell(errors.describe(exc))

    return clicked(run)
