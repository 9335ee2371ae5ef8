"""The composition root: the Bolt app built from settings, its listeners, its outbox, its clock."""

import functools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

import handlers
from bot import manifest
from bot.deals import effects
from bot.runtime import links, oauth
from bot.runtime.answering import answered, answering
from bot.runtime.executor import WorkPool
from bot.runtime.outbox import Deliverer
from bot.runtime.slack_http import KeptAliveClient
from bot.settings import Settings
from bot.workspaces import installs
from handlers.workspaces.words import NOT_INSTALLED
from storage import db

_DELIVERERS: "WeakKeyDictionary[App, Deliverer]" = WeakKeyDictionary()
BOLT_LOG = logging.getLogger("dealbot.bolt")


class _QuietClientWarning(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN "will be unused" whenever it is in the environment
    and a client is given; dealbot's client carries that very token, so an operator
    would chase nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


BOLT_LOG.addFilter(_QuietClientWarning())
ClientFor = Callable[[str], WebClient]


class DealbotApp(App):
    """Bolt's App answering each request as soon as its listener returns
    (process_before_response): what a listener hands to after_ack, and every event
    listener (a lazy listener: an event's answer is known at once, an empty 200), runs
    afterwards on the outbox deliverer's bounded pool (bot/runtime/answering.py)."""

    def __init__(self, *args, after_ack, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.after_ack = after_ack

    def _init_context(self, req) -> None:
        """Bolt's, with the request's client of the app client's class: Bolt builds a plain
        WebClient for every request, which would open a connection per call."""
        super()._init_context(req)
        made = req.context["client"]
        req.context["client"] = type(self.client)(
            token=made.token,
            base_url=made.base_url,
            timeout=made.timeout,
            ssl=made.ssl,
            proxy=made.proxy,
            headers=made.headers,
            team_id=req.context.team_id,
            logger=made.logger,
            retry_handlers=made.retry_handlers,
        )

    def dispatch(self, req):
        """Answer one request (over HTTP or Socket Mode)."""
        token = answering(self.after_ack)
        try:
            return super().dispatch(req)
        finally:
            answered(token)

    def event(self, event, matchers=None, middleware=None):
        """Bolt's app.event, with the listener run after the ack (as a lazy listener)."""
        register = super().event(event, matchers, middleware)

        def decorator(*args, **kwargs):
            if kwargs or len(args) != 1:
                return register(*args, **kwargs)
            register(ack=_answered_at_once, lazy=[_logged(args[0])])
            return args[0]

        return decorator


def _answered_at_once() -> None:
    """An event's ack: nothing to say (Bolt answers 200 at once)."""


def _logged(listener: Callable[..., None]) -> Callable[..., None]:
    """An event listener whose failure is logged with its traceback and a reference, as the
    app's error handler does (Bolt's lazy runner would log one line without them)."""

    @functools.wraps(listener)  # Bolt reads the listener's own argument names through it
    def run(**kwargs) -> None:
        try:
            listener(**kwargs)
        except Exception as exc:
            from handlers.kit.errors import describe

            describe(exc)  # logs it: an event has no one to tell

    return run


def web_client(settings: Settings) -> WebClient:
    """A Web API client for SLACK_API_URL that waits out 429s, over kept-alive connections
    (bot/runtime/slack_http.py).

    It never retries a dropped connection: a call whose answer was lost may have been
    applied, and a second chat.postMessage would post twice. What must reach Slack goes
    through the outbox, which looks before it resends.
    """
    return KeptAliveClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)],
    )


def outbox_client(settings: Settings) -> WebClient:
    """The deliverer's client: no retries at all; the deliverer handles 429s and lost replies
    itself, without holding a thread."""
    return KeptAliveClient(token=settings.bot_token, base_url=settings.api_url, retry_handlers=[])


def oauth_settings(settings: Settings) -> OAuthSettings:
    """OAuth distribution's settings: the manifest's bot scopes, the stores on DATABASE_URL,
    and a new install resuming a team that had uninstalled dealbot."""
    return oauth.oauth_settings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        state_secret=settings.state_secret,
        api_url=settings.api_url,
        engine=db.engine(),
        scopes=manifest.bot_scopes(),
        redirect_uri=settings.redirect_uri,
        on_installed=_resume,
    )


def _resume(team_id: str) -> None:
    with db.session_scope() as s:
        installs.resume(session=s, team_id=team_id)


def team_clients(settings: Settings, oauth_with: OAuthSettings | None = None) -> ClientFor:
    """Each team's client for work outside a request (no retries: see outbox_client): the
    one bot token, or with OAuth the team's own token from the installation store."""
    if not settings.oauth:
        client = outbox_client(settings)
        return lambda _team: client
    tokens = oauth.TeamTokens(oauth_with or oauth_settings(settings), settings.api_url)

    def client_for(team_id: str) -> WebClient:
        return KeptAliveClient(token=tokens(team_id), base_url=settings.api_url, retry_handlers=[])

    return client_for


def build_app(
    settings: Settings, *, socket_mode: bool = False, pool: WorkPool | None = None
) -> App:
    """The Bolt app: signed requests verified (HTTP), answered as soon as the listener
    returns, and an outbox whose bounded pool runs everything after the answer.

    With SLACK_CLIENT_ID (OAuth distribution) Bolt authorizes each request with the
    team's installation, and a team that never installed gets nothing done."""
    pool = pool or WorkPool()
    distributed = oauth_settings(settings) if settings.oauth else None
    deliverer = Deliverer(
        team_clients(settings, distributed),
        handlers.senders(),
        on_pause=handlers.on_pause,
        pool=pool,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
    )
    app = DealbotApp(
        client=web_client(settings),
        signing_secret=settings.signing_secret,
        request_verification_enabled=not socket_mode,
        process_before_response=True,  # the listener's ack is the answer, at once
        listener_executor=pool,  # lazy listeners: the deliverer's bounded pool
        after_ack=deliverer.after_ack,
        logger=BOLT_LOG,
        oauth_settings=distributed,
        user_facing_authorize_error_message=NOT_INSTALLED if distributed else None,
    )
    handlers.register(app)
    links.configure(settings.public_url)  # deal links on cards, and which links unfurl
    _DELIVERERS[app] = deliverer
    db.add_commit_hooks(before=effects.write, after=deliverer.after_commit)
    db.add_commit_hooks(before=deliverer.before_commit)
    return app


def deliverer(app: App) -> Deliverer:
    """The app's outbox deliverer."""
    return _DELIVERERS[app]


def close(app: App, timeout: float = 10.0) -> bool:
    """Finish the outbox delivery under way and stop taking more; True if it finished."""
    d = _DELIVERERS.pop(app, None)
    if d is None:
        return True
    db.remove_commit_hooks(before=d.before_commit, after=d.after_commit)
    finished = d.close(timeout)
    links.configure(None)  # the next app built in this process sets its own
    return finished


def scheduled(app: App) -> Callable[[datetime], None]:
    """One tick of the app's scheduled work: claim due digests and nudges, then deliver
    whatever the outbox holds (a restart delivers what a crash left)."""
    tick, d = handlers.jobs(), deliverer(app)

    def run(now: datetime) -> None:
        tick(now)
        d.kick()

    return run


def start_clock(app: App, every: float = 60.0) -> BackgroundScheduler:
    """Tick every minute for scheduled digests, nudges and the outbox (every replica)."""
    from bot.runtime.clock import start

    return start(scheduled(app), every=every)
