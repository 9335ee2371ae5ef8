"""The real app served on loopback and wired to the Slack stand-in: demo, console, tests, bench."""

import contextlib
import logging
import secrets
import threading

import waitress
from slack_bolt import App
from waitress import wasyncore

from bot.app import build_app, close, deliverer
from bot.local.standin import Driver, SlackStandIn
from bot.local.standin.workspaces import Visit, install
from bot.runtime.executor import WorkPool
from bot.runtime.oauth import REDIRECT_PATH
from bot.runtime.web import EVENTS_PATH, server_options, wsgi_app
from bot.settings import Settings
from storage import db


class LocalSlack:
    """dealbot as `dealbot serve` runs it, talking to a local Slack instead of slack.com."""

    def __init__(
        self,
        database_url: str,
        *,
        standin: SlackStandIn | None = None,
        threads: int = 8,
        settle_timeout: float = 15.0,
        oauth: bool = False,
        token_rotation: bool = False,
        public_url: str | None = None,
    ) -> None:
        """`oauth`: distributed (SLACK_CLIENT_ID …), every workspace installed through the
        stand-in's authorize page; else one workspace with a pasted SLACK_BOT_TOKEN.
        `public_url`: DEALBOT_PUBLIC_URL (deal links; see bot/local/standin/links.py)."""
        self.database_url = database_url
        self.standin = standin or SlackStandIn()
        self.threads = threads
        self.settle_timeout = settle_timeout
        self.signing_secret = secrets.token_hex(16)
        self.pool = WorkPool()
        self.app: App | None = None
        self.driver: Driver | None = None
        self._server = None
        self._loop: threading.Thread | None = None
        self._sockets: dict = {}  # waitress's socket map, emptied to end its loop
        self.oauth, self.token_rotation = oauth, token_rotation
        self.public_url = public_url
        self.client_id, self.client_secret = "4242.1717", secrets.token_hex(16)

    def start(self, *, migrate: bool = True) -> "LocalSlack":
        """Start the stand-in, migrate the database, and serve the app on a free port."""
        self.standin.start()
        settings = Settings(
            bot_token=None if self.oauth else "xoxb-local-stand-in",
            app_token=None,
            signing_secret=self.signing_secret,
            api_url=self.standin.api_url,
            database_url=self.database_url,
            log_level="WARNING",
            client_id=self.client_id if self.oauth else None,
            client_secret=self.client_secret if self.oauth else None,
            state_secret=secrets.token_hex(16) if self.oauth else None,
            public_url=self.public_url,
        )
        db.configure(self.database_url)
        if migrate:
            db.upgrade()
        self.app = build_app(settings, pool=self.pool)
        self._server = waitress.create_server(
            wsgi_app(self.app, self.signing_secret),
            map=self._sockets,
            host="127.0.0.1",
            port=0,
            **server_options(self.threads),
        )
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        self._loop = threading.Thread(target=self._server.run, daemon=True)
        self._loop.start()
        self.driver = self.driver_for(self.standin)
        if self.oauth:  # the app as set up at api.slack.com, redirecting to this server
            self.standin.directory.register_app(
                self.client_id,
                self.client_secret,
                [self.url + REDIRECT_PATH],
                token_rotation=self.token_rotation,
                token_lifetime_s=3600 if self.token_rotation else 43200,
            )
        return self

    def driver_for(self, workspace: SlackStandIn) -> Driver:
        """Plays Slack toward the app as people of `workspace` (the stand-in or an added one)."""
        return Driver(
            workspace, app_url=self.url + EVENTS_PATH, signing_secret=self.signing_secret,
            settle=self.settle,
        )

    def install(self, workspace: SlackStandIn | None = None, user: str = "U0ANN") -> Visit:
        """`user` of the workspace installs dealbot through the browser; the last page."""
        visited = install(workspace or self.standin, self.url, user)
        self.settle()
        return visited

    @property
    def url(self) -> str:
        """Where the app listens, e.g. http://127.0.0.1:40123."""
        host, port = self._server.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def settle(self) -> None:
        """Wait until the app has finished the work it does after acknowledging: its
        listeners, and the outbox rows they wrote (which may write more)."""
        outbox = deliverer(self.app)
        for _ in range(50):
            self.pool.wait_idle(self.settle_timeout)
            outbox.kick()  # anything a listener wrote without a kick yet
            outbox.wait_idle(self.settle_timeout)
            if self.pool.wait_idle(0) and outbox.wait_idle(0) and not outbox.due_now():
                return

    def stop(self) -> None:
        """Stop serving and close the stand-in, without waiting on any poll."""
        if self._server is not None:
            # Close every socket from inside waitress's loop: its map empties and it returns
            # at once, where closing them from here would leave it polling until a timeout.
            with contextlib.suppress(OSError):  # a loop that already ended closed its trigger
                self._server.trigger.pull_trigger(lambda: wasyncore.close_all(self._sockets))
            self._loop.join(5)
            wasyncore.close_all(self._sockets)  # nothing left, unless the loop had ended early
            self._server.task_dispatcher.shutdown()
        self.pool.shutdown(wait=True)
        if self.app is not None:
            close(self.app)
        self.standin.stop()

    def __enter__(self) -> "LocalSlack":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
