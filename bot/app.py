"""The composition root: the Bolt app built from settings, with every listener registered."""

import logging
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

import handlers
from bot.runtime.executor import WorkPool
from bot.settings import Settings


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
    return app


def scheduled(app: App) -> Callable[[datetime], None]:
    """One tick of the app's scheduled work (due digests, then nudges), given the time."""
    return handlers.jobs(app.client)


def start_clock(app: App) -> BackgroundScheduler:
    """Tick every minute for scheduled digests and nudges (every replica; claims dedupe)."""
    from bot.runtime.clock import start

    return start(scheduled(app))
