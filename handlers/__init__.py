"""The Slack surface: every feature's listeners, the last-resort error handler, the clock's jobs."""

import logging
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App, Respond
from slack_sdk import WebClient

log = logging.getLogger("dealbot")


def register(app: App) -> None:
    """Register every listener on the app, and the error handler for what they let through."""
    # Imported here: the feature modules import handlers.kit, which imports this package first.
    from handlers import commands
    from handlers.deals import buttons as actions
    from handlers.deals import submissions as views
    from handlers.home import listeners as home
    from handlers.qualification import listeners as bant
    from handlers.threads import events

    for module in (commands, actions, views, home, events, bant):
        module.register(app)
    app.error(on_error)


def on_error(error: Exception, body: dict, respond: Respond | None = None) -> None:
    """Last resort for anything a listener let through: log it, tell the user."""
    from handlers.kit.errors import describe

    text = describe(error)
    if respond is not None and body.get("response_url"):
        try:
            respond(text=text, response_type="ephemeral", replace_original=False)
        except Exception:  # the error itself is already logged; the user just hears nothing
            log.exception("could not report an error to the user")


def jobs(client: WebClient) -> Callable[[datetime], None]:
    """The clock's tick: due digests, then due nudges, sent with this client."""
    from handlers.digests.posting import run_due as post_digests
    from handlers.nudges.dms import run_due as send_nudges

    def tick(now: datetime) -> None:
        post_digests(client, now)
        send_nudges(client, now)

    return tick
