"""`dealbot serve --workers N`: N processes under gunicorn, each a whole dealbot.

gunicorn's arbiter (this process, once settings, the database and Slack are checked and
the schema migrated) binds the port and forks N workers (gthread: `--threads` each). Each
worker builds its own app, outbox deliverer and clock after the fork, as `serve` does;
they share nothing but the database, whose claims make every outbox row, digest and
nudge happen once. On SIGTERM gunicorn stops each worker taking connections and lets
the requests in flight finish; the worker then stops its clock and delivers its outbox
(bot/runtime/shutdown.py) before it exits, and the arbiter exits 0.
"""

import argparse
import logging
import math
import time

from gunicorn.app.base import BaseApplication

from bot.runtime.health import StartupError
from bot.settings import Settings
from storage import db

log = logging.getLogger("dealbot")


def refusal(database_url: str, workers: int) -> str | None:
    """Why this database cannot take several processes, or None when it can."""
    if workers > 1 and database_url.startswith("sqlite") and db.sqlite_file(database_url) is None:
        return (
            "--workers above 1 needs a database the processes share: an in-memory SQLite "
            "database is each process's own (use a file, or PostgreSQL)."
        )
    return None


class Prefork(BaseApplication):
    """gunicorn, configured from dealbot's options, loading one dealbot per worker."""

    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        self.settings, self.args = settings, args
        self.worker: tuple | None = None  # (app, pool, clock) in a worker process
        super().__init__(prog="dealbot serve")

    def load_config(self) -> None:
        a = self.args
        options = {
            "bind": f"{a.host}:{a.port}",
            "workers": a.workers,
            "worker_class": "gthread",
            "threads": a.threads,
            "graceful_timeout": math.ceil(a.shutdown_timeout),  # whole seconds
            "proc_name": "dealbot",
            "accesslog": None,  # dealbot logs each request itself (bot/runtime/logs.py)
            "errorlog": "-",
            "loglevel": self.settings.log_level.lower(),
            "control_socket_disable": True,
            "worker_exit": self._worker_exit,
        }
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self):
        """In each worker after the fork: its own engine, app, deliverer and clock."""
        from bot.app import build_app, start_clock
        from bot.runtime.executor import WorkPool
        from bot.runtime.front_door import remember_in_database
        from bot.runtime.health import Health
        from bot.runtime.ready import ready_to_serve
        from bot.runtime.web import wsgi_app

        s = self.settings
        db.configure(s.database_url)  # connections of its own, none of the arbiter's
        pool = WorkPool()
        app = build_app(s, pool=pool)
        # Replays are remembered where every worker sees them: in the database, on SQLite
        # too (a worker's memory would let another worker take the same request again).
        wsgi = wsgi_app(
            app, s.signing_secret, remember=remember_in_database, health=Health(app.client)
        )
        ready_to_serve()  # before the clock's thread or a request opens a connection
        sched = start_clock(app, s.tick_seconds)
        self.worker = (app, pool, sched)
        return wsgi

    def _worker_exit(self, _arbiter, _worker) -> None:
        """gunicorn has let the worker's requests finish: stop its clock, deliver its outbox."""
        if self.worker is None:
            return
        from bot.runtime.clock import stop as stop_clock
        from bot.runtime.shutdown import Deadline, finish_work

        app, pool, sched = self.worker
        self.worker = None
        deadline = Deadline(self.args.shutdown_timeout)
        stop_clock(sched, deadline.left())
        if finish_work(app, pool, deadline.left()):
            log.info("shutdown: worker's after-ack work done; its outbox is delivered")
        else:
            log.warning("shutdown: work left at the deadline stays in the outbox")


def serve(s: Settings, args: argparse.Namespace) -> int:
    """Run gunicorn until SIGTERM/SIGINT; 0 once every worker has drained."""
    refused = refusal(s.database_url, args.workers)
    if refused:
        raise StartupError(refused)
    db.engine().dispose()  # the workers open their own connections after the fork
    log.info(
        "dealbot serving on http://%s:%s/slack/events with %d processes",
        args.host,
        args.port,
        args.workers,
    )
    started = time.monotonic()
    try:
        Prefork(s, args).run()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        log.info("dealbot stopped after %.0f s", time.monotonic() - started)
        return code
    return 0
