"""The composition root: the Bolt app built from settings, with every listener registered."""

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

import handlers
from bot.runtime.executor import WorkPool
from bot.settings import Settings
from handlers.kit.errors import describe

log = logging.getLogger("dealbot")


def web_client(settings: Settings) -> WebClient:
    """A Web API client for SLACK_API_URL that waits out 429s and retries dropped connections."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=3),
            ConnectionErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_app(
    settings: Settings, *, socket_mode: bool = False, pool: WorkPool | None = None
) -> App:
    """The Bolt app: signed requests verified (HTTP), listeners on a sized pool."""
    app = App(
        client=web_client(settings),
        signing_secret=settings.signing_secret,
        request_verification_enabled=not socket_mode,
        process_before_response=False,
        listener_executor=pool or WorkPool(),
        logger=logging.getLogger("dealbot.bolt"),
    )
    handlers.register(app)

    @app.error
    def on_error(error: Exception, body: dict, respond=None) -> None:
        """Last resort for anything a listener let through: log it, tell the user."""
        text = describe(error)
        if respond is not None and body.get("response_url"):
            try:
                respond(text=text, response_type="ephemeral", replace_original=False)
            except Exception:
                log.exception("could not report an error to the user")

    return app


def start_clock(app: App):
    """Tick every minute for scheduled digests and nudges (every replica; claims dedupe)."""
    from bot.runtime.clock import start
    from handlers.digests.posting import tick

    return start(lambda now: tick(app.client, now))
