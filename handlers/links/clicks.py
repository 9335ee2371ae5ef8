"""Clicks on an unfurl's buttons: not on dealbot's own message, so answered only to the
clicker (an unfurl is an attachment of someone's message, which dealbot cannot replace)."""

from slack_bolt import Ack, BoltContext, Respond

from bot.common.errors import InvalidInput
from handlers.deals.listing import shown
from handlers.kit import errors
from handlers.kit.inbound import action_value, team_of

NUMBER_DIGITS = 9  # as deal numbers are read (bot/deals/matching.py)


def from_unfurl(body: dict) -> bool:
    """True for a click on an app unfurl (container type message_attachment)."""
    container = body.get("container")
    return isinstance(container, dict) and container.get("is_app_unfurl") is True


def on_show(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    """Show on an unfurl: the card and the newest history, shown only to the clicker."""
    ack()
    if not isinstance(body.get("response_url"), str) or not body["response_url"]:
        return  # Slack's clicks on a message always have one
    try:
        number = action_value(action)
        if not (number.isascii() and number.isdigit() and len(number) <= NUMBER_DIGITS):
            raise InvalidInput("broken_card_button")
        answer = shown(team_of(context), number, 0)
        respond(response_type="ephemeral", replace_original=False, **answer)
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)
