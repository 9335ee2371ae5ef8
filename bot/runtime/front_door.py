"""The front door for Slack's requests: cheap checks before expensive ones, then Bolt.

In order, before anything reads the body as data: the size (413), the timestamp
(ASCII digits within five minutes, 401), UTF-8 text (400), its signature (401), and
that this signature was not seen before (a replay, 401). Only then is the body parsed,
defensively: a body Bolt could not make sense of is a 400, never a 500. A form is
checked here; an interactive payload (one `payload` field, JSON: a click, a form's
submission, the whole card echoed back, several KB) is parsed once, by Bolt, and
refused there when it is not a JSON object (BoltOnce), where checking it here first
doubled the cost of reading it. Nothing here logs a body or a header value.
"""

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from io import BytesIO
from urllib.parse import parse_qs

from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from storage import outbox_queries
from storage.db import statement_connection

log = logging.getLogger("dealbot.http")

# Slack's largest requests: a view_submission echoes a 100-block modal (3,000 characters
# a text) with every input's value (up to 3,000 each), and a message_changed event carries
# two messages of up to 40,000 characters plus their blocks; form encoding can triple a
# body. 4 MiB fits all of these with room; anything larger is not from Slack.
MAX_BODY = 4 * 1024 * 1024
WINDOW_S = 5 * 60  # Slack's own rule for a request's timestamp

Remember = Callable[[str, int], bool]  # (signature, timestamp) -> True the first time
WSGIApp = Callable[..., Iterable[bytes]]


def refusal(start_response, status: str, error: str) -> list[bytes]:
    """A small JSON refusal."""
    body = json.dumps({"ok": False, "error": error}).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


def read_body(environ: dict) -> bytes | None:
    """The request body, or None when it is (or says it is) larger than MAX_BODY."""
    length = environ.get("CONTENT_LENGTH") or ""
    if length and (not length.isascii() or not length.isdigit()):
        return None
    if length and int(length) > MAX_BODY:
        return None
    body = environ["wsgi.input"].read(int(length) if length else MAX_BODY + 1)
    return None if len(body) > MAX_BODY else body


def fresh_timestamp(value: str, now: float) -> bool:
    """Slack's timestamp header: ASCII digits only (not '²'), within five minutes of now."""
    return (
        0 < len(value) <= 12
        and value.isascii()
        and value.isdigit()
        and (abs(now - int(value)) <= WINDOW_S)
    )


def well_formed(text: str, content_type: str) -> bool:
    """Whether Bolt can read this body, by Bolt's own rules (slack_bolt.request.internals
    .parse_body): JSON when the type says so or it starts with "{", else a form; a form
    that is one `payload` field is let through unread (BoltOnce refuses it when Bolt
    cannot read it), any other form with a `payload` must hold exactly one, a JSON
    object."""
    if content_type.split(";")[0].strip() == "application/json" or text.startswith("{"):
        return _is_object(text)
    if text.startswith("payload=") and "&" not in text:  # one field: BoltOnce reads it
        return True
    try:
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        return False
    if "payload" in text:
        return len(form.get("payload", [])) == 1 and _is_object(form["payload"][0])
    return bool(form) and all(len(v) == 1 for v in form.values())


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):  # not JSON, or nested past what Python reads
        return False


class BoltOnce(SlackRequestHandler):
    """Bolt's WSGI handler, with the request Bolt reads (and parses, once) refused with a
    400 when Bolt cannot read it (an interactive payload of `null`, a list, not JSON at
    all, nested thousands deep, or an object whose fields Bolt reads are of the wrong
    shape), where Bolt would fail with a 500. Only signed requests get this far."""

    def dispatch(self, request) -> BoltResponse:
        """Bolt's dispatch of the request, or a 400 when Bolt cannot read it."""
        try:
            bolt_request = BoltRequest(
                body=request.get_body(), query=request.query_string, headers=request.get_headers()
            )
        except Exception:  # not JSON, JSON but no object, or nested past what Bolt reads
            return _malformed()
        if not isinstance(bolt_request.body, dict):
            return _malformed()
        return self.app.dispatch(bolt_request)


def _malformed() -> BoltResponse:
    return BoltResponse(
        status=400,
        body=json.dumps({"ok": False, "error": "malformed_body"}),
        headers={"content-type": "application/json"},
    )


def front_door(
    bolt: WSGIApp,
    signing_secret: str,
    remember: Remember,
    clock: Callable[[], float] = time.time,
) -> WSGIApp:
    """Wrap Bolt's WSGI handler with the checks, in order of cost."""
    verifier = SignatureVerifier(signing_secret)

    def application(environ, start_response):
        body = read_body(environ)
        if body is None:
            return refusal(start_response, "413 Content Too Large", "body_too_large")
        stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
        if not fresh_timestamp(stamp, clock()):
            return refusal(start_response, "401 Unauthorized", "invalid_request")
        try:  # Slack sends UTF-8; the signature is computed over the text
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return refusal(start_response, "400 Bad Request", "malformed_body")
        if not (signature.isascii() and verifier.is_valid(text, stamp, signature)):
            return refusal(start_response, "401 Unauthorized", "invalid_request")
        if not remember(signature, int(stamp)):
            log.warning("refused a replayed request (timestamp %s)", stamp)
            return refusal(start_response, "401 Unauthorized", "invalid_request")
        if not well_formed(text, environ.get("CONTENT_TYPE", "")):
            return refusal(start_response, "400 Bad Request", "malformed_body")
        environ["wsgi.input"] = BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        return bolt(environ, start_response)

    return application


class SeenInMemory:
    """The seen-signature record of one process (`dealbot serve` on SQLite without
    `--workers`; its workers remember in the database: bot/runtime/prefork.py)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def __call__(self, signature: str, request_ts: int) -> bool:
        """True the first time a signature is seen within its window."""
        with self._lock:
            if len(self._seen) > 10_000:  # forget what can no longer be replayed
                oldest = int(self._clock()) - 2 * WINDOW_S
                self._seen = {k: v for k, v in self._seen.items() if v >= oldest}
            if signature in self._seen:
                return False
            self._seen[signature] = request_ts
            return True


def remember_for(database_url: str) -> Remember:
    """Where one process remembers replays: in the database when replicas share it
    (PostgreSQL), in memory for SQLite, served by one process (a database write per request
    would cost every acknowledgement a turn at SQLite's single writer lock). Workers of
    `serve --workers N` remember in the database, whichever it is (bot/runtime/prefork.py)."""
    return remember_in_database if database_url.startswith("postgresql") else SeenInMemory()


def remember_in_database(signature: str, request_ts: int) -> bool:
    """The seen-signature record, shared by every replica through the database."""
    with statement_connection() as conn:  # PostgreSQL: one round trip, no transaction
        return outbox_queries.first_sighting(conn=conn, signature=signature, request_ts=request_ts)


def forget_old_requests(now: datetime) -> None:
    """Drop the seen signatures that can no longer be replayed (older than two windows):
    the clock's work, so that no request pays for it (one `serve` on SQLite keeps them in
    memory and leaves the table empty; its `--workers` fill it)."""
    with statement_connection() as conn:
        outbox_queries.forget_seen(conn=conn, before_ts=int(now.timestamp()) - 2 * WINDOW_S)
