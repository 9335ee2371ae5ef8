"""The command line's long-running commands: serve (HTTP) and run (Socket Mode).

Both check Slack before saying they serve, and both stop gracefully on SIGTERM or
SIGINT (bot/runtime/shutdown.py) and exit 0.
"""

import argparse
import logging
import os
import threading

from slack_sdk.errors import SlackApiError

from bot.runtime.executor import WorkPool
from bot.runtime.health import (
    Health,
    StartupError,
    app_token_refused,
    check_app_token_at_start,
    check_at_start,
)
from bot.runtime.ready import ready_to_serve
from bot.runtime.shutdown import GRACE_SECONDS, drain, on_signals
from bot.settings import Settings

log = logging.getLogger("dealbot")


def add_options(serve: argparse.ArgumentParser, run: argparse.ArgumentParser) -> None:
    """Options shared by serve and run: --no-migrate, --shutdown-timeout; run's --health-port."""
    grace = os.environ.get("DEALBOT_SHUTDOWN_SECONDS") or str(GRACE_SECONDS)
    for p in (serve, run):
        p.add_argument(
            "--no-migrate",
            action="store_true",
            help="do not upgrade the schema on start (run 'dealbot db upgrade' first)",
        )
        p.add_argument(
            "--shutdown-timeout",
            type=float,
            default=grace,
            metavar="SECONDS",
            help="on SIGTERM, how long to finish work before exiting "
            f"(DEALBOT_SHUTDOWN_SECONDS, default {GRACE_SECONDS:g})",
        )
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("DEALBOT_WORKERS") or 1),
        metavar="N",
        help="processes to serve with (DEALBOT_WORKERS, default 1); above 1, gunicorn "
        "forks N workers of --threads threads each (bot/runtime/prefork.py)",
    )
    run.add_argument(
        "--health-port",
        type=int,
        default=os.environ.get("HEALTH_PORT") or None,
        help="serve GET /healthz on this port (or HEALTH_PORT); off by default",
    )
    run.add_argument("--health-host", default="0.0.0.0")


def serve(s: Settings, args: argparse.Namespace) -> int:
    """dealbot serve: Slack's requests over HTTP until SIGTERM/SIGINT (one process on
    waitress, or --workers N processes on gunicorn)."""
    if args.workers < 1:
        raise StartupError("--workers must be 1 or more.")
    if args.workers > 1:
        from bot.runtime import prefork

        return prefork.serve(s, args)
    from bot.app import build_app, start_clock
    from bot.runtime.web import wsgi_app

    pool = WorkPool()
    app = build_app(s, pool=pool)
    server = listen(
        wsgi_app(app, s.signing_secret, health=Health(app.client)),
        args.host,
        args.port,
        args.threads,
        "--port or PORT",
    )
    ready_to_serve()  # before the clock's thread or a request opens a connection
    sched = start_clock(app, s.tick_seconds)
    finished, done = stop_on_signals(
        app,
        pool,
        sched,
        args.shutdown_timeout,
        stop_taking=server.stop_accepting,
        finish_requests=server.finish_requests,
        disconnect=server.close,
    )
    log.info("dealbot serving on http://%s:%s/slack/events", args.host, server.port)
    server.run()
    done.wait(args.shutdown_timeout + 5)
    return exit_now(finished)


def run(s: Settings, args: argparse.Namespace) -> int:
    """dealbot run: Slack's requests over Socket Mode until SIGTERM/SIGINT."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import build_app, start_clock

    pool = WorkPool()
    app = build_app(s, socket_mode=True, pool=pool)
    handler = SocketModeHandler(app, s.app_token)
    gate = Gate(handler.handle)
    handler.client.socket_mode_request_listeners[:] = [gate]
    health_server = _health_server(app, args)
    ready_to_serve()  # before Slack's first request or the clock opens a connection
    try:
        handler.connect()
    except SlackApiError as e:
        error = e.response.get("error", "") if e.response is not None else ""
        raise StartupError(app_token_refused(error)) from None
    sched = start_clock(app, s.tick_seconds)

    def disconnect() -> None:
        handler.close()
        log.info("shutdown: Socket Mode closed")
        if health_server is not None:
            health_server.close()

    finished, done = stop_on_signals(
        app,
        pool,
        sched,
        args.shutdown_timeout,
        stop_taking=gate.close,
        finish_requests=gate.wait,
        disconnect=disconnect,
    )
    log.info("dealbot connected to Slack over Socket Mode")
    while not done.wait(1):
        pass
    return exit_now(finished)


def stop_on_signals(
    app, pool: WorkPool, sched, grace: float, **steps
) -> tuple[list[bool], threading.Event]:
    """At SIGTERM/SIGINT, drain (stop taking, finish requests, stop the clock, finish the
    work and the outbox, disconnect); the list gets True when nothing was cut short, and
    the event is set when the drain has returned."""
    finished: list[bool] = []
    done = on_signals(
        lambda reason: finished.append(
            drain(app=app, pool=pool, sched=sched, grace=grace, reason=reason, **steps)
        )
    )
    return finished, done


def exit_now(finished: list[bool]) -> int:
    """0, once everything finished; when the deadline cut work short, exit at once (with 0)
    rather than wait on the threads still running: their work is kept in the outbox."""
    if finished != [True]:
        logging.shutdown()
        hard_exit(0)
    return 0


hard_exit = os._exit  # (a test replaces it)


def check_slack(s: Settings, mode: str) -> None:
    """Before anything else: Slack takes the bot token (or, without one, answers), and in
    Socket Mode the app-level token."""
    from bot.app import web_client

    client = web_client(s)
    check_at_start(client)
    if mode == "run" and s.app_token:
        check_app_token_at_start(client, s.app_token)


def _health_server(app, args: argparse.Namespace):
    if args.health_port is None:
        return None
    from bot.runtime.links import LinkRoute
    from bot.runtime.web import health_app, team_client

    server = listen(
        health_app(Health(app.client), LinkRoute(team_client(app))),  # and deal links
        args.health_host,
        args.health_port,
        2,
        "--health-port or HEALTH_PORT",
    )
    threading.Thread(target=server.run, name="dealbot-health", daemon=True).start()
    log.info("health check on http://%s:%s/healthz", args.health_host, server.port)
    return server


def listen(wsgi, host: str, port: int, threads: int, setting: str):
    """A waitress Server on host:port; a port that cannot be had is one line naming it."""
    from bot.runtime.web import Server

    try:
        return Server(wsgi, host, port, threads=threads)
    except OSError as e:
        raise StartupError(
            f"cannot listen on {host}:{port} ({e.strerror or e}); choose another with {setting}."
        ) from None


class Gate:
    """Socket Mode's request listener, wrapped: it counts requests in flight, and once
    closed takes no more (unacknowledged, Slack sends events again; a command times out)."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self._state = threading.Condition()
        self._busy = 0
        self._closed = False

    def __call__(self, client, request) -> None:
        with self._state:
            if self._closed:
                return
            self._busy += 1
        try:
            self.handle(client, request)
        finally:
            with self._state:
                self._busy -= 1
                self._state.notify_all()

    def close(self) -> None:
        """Take no more requests."""
        with self._state:
            self._closed = True

    def wait(self, timeout: float) -> int:
        """Wait until the requests in flight are answered; how many were still running."""
        with self._state:
            self._state.wait_for(lambda: self._busy == 0, timeout=timeout)
            return self._busy
