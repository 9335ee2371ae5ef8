"""Logging: one line per record, text or JSON, each tagged with the Slack request it serves.

While a request from Slack is handled, every line carries the workspace (`team`), the
user, what was asked (`command`, `action_id`, `callback_id`, or `event` and `event_id`)
and a `request_id`. The same id is the reference a user is shown when something goes
wrong, so an operator can grep the log for what a user reports. The fields live in a
context variable: set by `TagRequest` (a Bolt middleware) and the HTTP access log,
copied onto the threads that run listeners (`WorkPool`), read by `RequestFields`.

No line shows a Slack token or a known secret (`Scrubbed`), a request body, a header,
or a query string (where OAuth's `code` and `state` travel).
"""

import contextvars
import json
import logging
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

# What a line may carry about the request it serves, in this order.
FIELDS = ("request_id", "team", "user", "command", "action_id", "callback_id", "event",
          "event_id", "outbox_id")
# Loggers that say too much at INFO for a service: quiet unless LOG_LEVEL=DEBUG.
CHATTY = ("apscheduler", "slack_bolt", "slack_sdk", "urllib3", "waitress", "alembic")
# Loggers the Slack libraries ask `logger.level <= DEBUG` before building a debug line: the
# level set on that logger itself, NOTSET (0) unless set, so the line (a Web API call's whole
# JSON body, each call; each Bolt middleware's name, each request) was built and then
# dropped at any LOG_LEVEL (slack_sdk issue #1957). Each is given its effective level.
# slack_sdk's Web API clients log on the first, its response_url client (Bolt's respond())
# on the second; dealbot's Bolt app on the third (bot/app.py).
GUARDED = ("slack_sdk.web.base_client", "slack_sdk.webhook.client", "dealbot.bolt")
TOKEN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_UNSAFE = re.compile(r"[^\w.:/+@-]")  # a forged id must not break a line or forge one

_fields: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar("dealbot_log_fields")
_http_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "dealbot_http_request_id", default=None
)


def new_request_id() -> str:
    """A fresh request id: 12 hex digits, short enough to read out, long enough to grep."""
    return secrets.token_hex(6)


def bind(**fields: Any) -> None:
    """Tag this thread's lines (and work it hands to a WorkPool) with these fields only."""
    _fields.set({k: v for k, v in fields.items() if v is not None})


def current() -> dict[str, Any]:
    """The fields of the work being done here; empty outside a request."""
    return _fields.get({})


def request_id() -> str | None:
    """The id of the Slack request being handled here, if any."""
    return current().get("request_id")


def _safe(value: Any) -> str | None:
    return _UNSAFE.sub("?", value)[:80] if isinstance(value, str) and value else None


def describe_request(body: Any) -> dict[str, str | None]:
    """What a Slack request asks for, by its ids: never its text or values."""
    if not isinstance(body, dict):
        return {}
    if "command" in body:
        return {"command": _safe(body.get("command"))}
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event") if isinstance(body.get("event"), dict) else {}
        return {"event": _safe(event.get("type")), "event_id": _safe(body.get("event_id"))}
    actions = body.get("actions")
    if kind == "block_actions" and isinstance(actions, list) and actions:
        first = actions[0] if isinstance(actions[0], dict) else {}
        return {"action_id": _safe(first.get("action_id"))}
    view = body.get("view")
    if isinstance(view, dict) and kind in ("view_submission", "view_closed"):
        return {"callback_id": _safe(view.get("callback_id"))}
    if kind in ("shortcut", "message_action", "block_suggestion"):
        return {"callback_id": _safe(body.get("callback_id")),
                "action_id": _safe(body.get("action_id"))}
    return {"event": _safe(kind)}


class TagRequest(Middleware):
    """Bolt global middleware, first of all: tags every line of this request with its ids."""

    # A class, not a function: Bolt would otherwise build every argument a function could
    # ask for from the body, before RefuseMalformed has looked at the body's shape.
    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """Bind the request's fields; the HTTP layer's request id when there is one."""
        bind(
            request_id=_http_request_id.get() or new_request_id(),
            team=_safe(req.context.team_id),
            user=_safe(req.context.user_id),
            **describe_request(req.body),
        )
        return next()


class RequestFields(logging.Filter):
    """Adds the current request's fields to each record (a handler's filter: every line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Copy the fields onto the record, unless the record already names them."""
        for key, value in current().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


class Scrubbed:
    """Removes Slack tokens and the given secrets from a formatted line."""

    def __init__(self, secret_values: Iterable[str | None] = ()) -> None:
        self.secrets = sorted({s for s in secret_values if s and len(s) >= 6}, key=len,
                              reverse=True)

    def __call__(self, line: str) -> str:
        """The line without tokens or secrets."""
        line = TOKEN.sub(lambda m: m.group(1) + "-[redacted]", line)
        for s in self.secrets:
            line = line.replace(s, "[redacted]")
        return line


def _fields_of(record: logging.LogRecord) -> dict[str, Any]:
    return {k: getattr(record, k) for k in FIELDS if getattr(record, k, None) is not None}


class TextFormatter(logging.Formatter):
    """`time LEVEL logger message key=value …`, then the traceback if any."""

    def __init__(self, scrub: Scrubbed) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self.scrub = scrub

    def formatMessage(self, record: logging.LogRecord) -> str:
        """The message and then the request's fields."""
        tags = " ".join(f"{k}={v}" for k, v in _fields_of(record).items())
        return super().formatMessage(record) + (" " + tags if tags else "")

    def format(self, record: logging.LogRecord) -> str:
        """The whole line, scrubbed."""
        return self.scrub(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, the fields, exception."""

    def __init__(self, scrub: Scrubbed) -> None:
        super().__init__()
        self.scrub = scrub

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON, scrubbed."""
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **{k: str(v) for k, v in _fields_of(record).items()},
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return self.scrub(json.dumps(line, ensure_ascii=False))


def handler(settings, stream: TextIO | None = None) -> logging.Handler:
    """A stream handler (stderr by default) in the settings' format, tagged and scrubbed."""
    scrub = Scrubbed(
        getattr(settings, name, None)
        for name in ("bot_token", "app_token", "signing_secret", "client_secret", "state_secret")
    )
    h = logging.StreamHandler(stream or sys.stderr)
    h.addFilter(RequestFields())
    fmt = getattr(settings, "log_format", "text")
    h.setFormatter(JsonFormatter(scrub) if fmt == "json" else TextFormatter(scrub))
    h.dealbot = True  # type: ignore[attr-defined]  # replaced, not doubled, by a second setup
    return h


def setup(settings, stream: TextIO | None = None) -> logging.Handler:
    """Log at LOG_LEVEL in LOG_FORMAT to stderr; third-party loggers quiet unless DEBUG."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "dealbot", False)]:
        root.removeHandler(old)
    h = handler(settings, stream)
    root.addHandler(h)
    root.setLevel(settings.log_level)
    debug = logging.getLevelName(settings.log_level) <= logging.DEBUG
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.WARNING)
    for name in GUARDED:
        guarded = logging.getLogger(name)
        guarded.setLevel(logging.NOTSET)  # what it inherits now, not an earlier setup's
        guarded.setLevel(guarded.getEffectiveLevel())
    return h


# The HTTP access log: one line per request, at INFO; a healthy /healthz at DEBUG only
# (load balancers and HEALTHCHECK ask every few seconds).
access_log = logging.getLogger("dealbot.access")


def access_logged(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """Wrap a WSGI app: each request gets an id and one access line (method, path, status,
    duration, the request's fields); never the body, a header or the query string."""

    def application(environ, start_response):
        return contextvars.copy_context().run(_one_request, app, environ, start_response)

    return application


def _one_request(app, environ, start_response) -> Iterable[bytes]:
    rid = new_request_id()
    _http_request_id.set(rid)
    bind(request_id=rid)
    seen = {"status": "500"}

    def recording(status, headers, exc_info=None):
        seen["status"] = status.split(" ", 1)[0]
        return start_response(status, headers, exc_info)

    method = _safe(environ.get("REQUEST_METHOD", "")) or "-"
    path = _safe(environ.get("PATH_INFO", "")) or "/"
    started = time.perf_counter()
    try:
        return app(environ, recording)
    finally:
        ms = (time.perf_counter() - started) * 1000
        quiet = path == "/healthz" and seen["status"] == "200"
        access_log.log(logging.DEBUG if quiet else logging.INFO, "%s %s %s %.1fms",
                       method, path, seen["status"], ms, extra=current())
