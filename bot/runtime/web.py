"""HTTP mode: the WSGI app (POST /slack/events, GET /healthz, GET /d/… deal links) on waitress."""

import json
import threading
import time
from collections.abc import Callable

from slack_bolt import App
from slack_sdk import WebClient

from bot.runtime.front_door import MAX_BODY, BoltOnce, Remember, front_door, remember_for
from bot.runtime.health import Health
from bot.runtime.links import LinkRoute
from bot.runtime.logs import access_logged
from bot.runtime.oauth import INSTALL_PATH, REDIRECT_PATH
from storage import db

EVENTS_PATH = "/slack/events"


def wsgi_app(
    app: App, signing_secret: str, remember: Remember | None = None, health: Health | None = None
):
    """Slack requests through the front door to Bolt; /healthz answers 200 when the
    database answers and Slack is reachable, else 503."""
    remember = remember or remember_for(db.engine().url.render_as_string())
    health = health or Health(app.client)
    slack = BoltOnce(app, path=EVENTS_PATH)
    bolt = front_door(slack, signing_secret, remember)
    installing = (INSTALL_PATH, REDIRECT_PATH) if app.oauth_flow is not None else ()
    links = LinkRoute(team_client(app))

    def application(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
            return bolt(environ, start_response)
        if path in installing and method == "GET":  # Bolt's "Add to Slack" page and redirect
            return slack(environ, start_response)
        if path == "/healthz" and method in ("GET", "HEAD"):
            return health.wsgi(environ, start_response)
        if LinkRoute.matches(path):  # a deal link: a redirect to its card in Slack, or 404
            return links(environ, start_response)
        return answer(start_response, "404 Not Found", {"ok": False, "error": "not_found"})

    return access_logged(application)


def team_client(app: App) -> Callable[[str], WebClient]:
    """Each workspace's client, as the app's outbox has them (its own token with OAuth)."""
    from bot.app import deliverer  # the composition root made the app and its outbox

    try:
        return deliverer(app).client_for
    except KeyError:  # an app built some other way: its one client
        return lambda _team: app.client


def answer(start_response, status: str, payload: dict) -> list[bytes]:
    """A small JSON response."""
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    start_response(status, headers)
    return [body]


def health_app(health: Health, links: LinkRoute | None = None):
    """A WSGI app that answers /healthz (Socket Mode's optional health port), and deal
    links when given their route."""

    def application(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            return health.wsgi(environ, start_response)
        if links is not None and LinkRoute.matches(environ.get("PATH_INFO", "")):
            return links(environ, start_response)
        return answer(start_response, "404 Not Found", {"ok": False, "error": "not_found"})

    return application


class Server:
    """waitress, a production-grade multi-threaded WSGI server, that can stop gracefully:
    stop accepting, let in-flight requests finish and their answers go out, then end."""

    def __init__(self, wsgi, host: str, port: int, threads: int = 8) -> None:
        import waitress

        self._map: dict = {}
        self.server = waitress.create_server(
            wsgi, map=self._map, host=host, port=port, **server_options(threads)
        )
        self.port = self.server.socket.getsockname()[1]

    def run(self) -> None:
        """Serve until close() (blocks)."""
        self.server.run()

    def in_loop(self, fn: Callable[[], object], timeout: float = 5.0) -> object:
        """Run fn on waitress's own loop thread, where sockets are read and written."""
        done, out = threading.Event(), []

        def call(*_args) -> None:
            try:
                out.append(fn())
            finally:
                done.set()

        try:
            self.server.trigger.pull_trigger(call)
        except OSError:  # the loop has ended: nothing else touches the sockets now
            call()
        done.wait(timeout)
        return out[0] if out else None

    def stop_accepting(self) -> None:
        """Close the listening socket: new connections are refused (a balancer moves on)."""
        from waitress import wasyncore

        self.in_loop(lambda: wasyncore.dispatcher.close(self.server))

    def finish_requests(self, timeout: float) -> int:
        """Close each connection once it is idle (no request being read, run or answered)
        until none is left or the timeout passes; how many were still busy."""
        deadline = time.monotonic() + timeout
        while True:
            busy = self.in_loop(self._close_idle) or 0
            if not busy or time.monotonic() >= deadline:
                return busy
            time.sleep(0.05)  # in-flight requests finish on waitress's threads

    def _close_idle(self) -> int:
        busy = 0
        for channel in list(self._map.values()):
            if not hasattr(channel, "requests"):
                continue  # the listener and waitress's trigger
            if channel.requests or channel.request is not None or channel.total_outbufs_len:
                busy += 1
            else:
                channel.close()
        return busy

    def close(self) -> None:
        """End the loop (run() returns) and waitress's threads."""
        from waitress import wasyncore

        self.in_loop(lambda: wasyncore.close_all(self._map))
        self.server.task_dispatcher.shutdown(timeout=1)


def server_options(threads: int) -> dict:
    """waitress's settings: its threads, and no body larger than Slack ever sends (413)."""
    return {"threads": threads, "ident": "dealbot", "max_request_body_size": MAX_BODY}
