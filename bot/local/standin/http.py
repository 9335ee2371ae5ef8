"""HTTP plumbing of the stand-in: parse Slack-style requests, write JSON answers."""

from __future__ import annotations

import base64
import contextlib
import html
import json
import selectors
import socket
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from bot.local.standin.api_files_read import DOWNLOAD_PATH  # a file's private URL
from bot.local.standin.api_oauth import authorize

JSON_ARGS = ("blocks", "view", "attachments", "metadata")
UPLOAD_PATH = "/upload/v1/"  # where a file's bytes go (files.getUploadURLExternal)
NO_REPLY = 0  # the status handle_api gives when the connection must close without an answer
# Slack keeps connections alive and closes idle ones; the stand-in closes them sooner than the
# client gives up on them (bot/runtime/slack_http.IDLE_LIMIT_S), so clients meet closed ones.
IDLE_TIMEOUT_S = 4.0


class Endpoint(Protocol):
    """What the HTTP layer hands requests to (the stand-in)."""

    def handle_api(
        self, method: str, args: dict[str, Any], token: str | None, was_json: bool = False
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        """Answer one Web API call: status, headers, JSON body."""
        ...

    def handle_response_url(self, rid: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer a POST to a response_url: status, JSON body."""
        ...

    def handle_upload(self, key: str, raw: bytes) -> tuple[int, str]:
        """Answer the POST of a file's bytes to an upload URL: status, plain-text body."""
        ...

    def handle_download(self, path: str, token: str | None) -> tuple[int, dict[str, str], bytes]:
        """Answer the GET of a file's private URL: status, headers, bytes."""
        ...


class PromptShutdown:
    """A socketserver mixin whose shutdown() ends serve_forever() at once, not at its next poll.

    The stdlib loop wakes every `poll_interval` to look for a shutdown request; this one
    sleeps on the listening socket and a wake-up socket, so stopping costs no waiting.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._wake, self._waker = socket.socketpair()
        self._stopping = False
        self._stopped = threading.Event()
        super().__init__(*args, **kwargs)

    def serve_forever(self, poll_interval: float | None = None) -> None:
        """Handle requests until shutdown() (poll_interval is accepted and not needed)."""
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                selector.register(self._wake, selectors.EVENT_READ)
                while not self._stopping:
                    ready = selector.select()
                    if not self._stopping and any(k.fileobj is self for k, _ in ready):
                        self._handle_request_noblock()
                    self.service_actions()
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serve_forever() and wait for it to return, which it does at once."""
        self._stopping = True
        self._waker.send(b"\0")
        self._stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket and the wake-up pair."""
        super().server_close()
        self._wake.close()
        self._waker.close()


class StandInHTTPServer(PromptShutdown, ThreadingHTTPServer):
    """A threading server that knows its stand-in."""

    daemon_threads = True
    request_queue_size = 128  # a burst of clients must not wait for a SYN retry

    def __init__(self, standin: Endpoint, port: int = 0) -> None:
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), Handler)
        self.standin = standin

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve a new connection on a thread of its own, noting it open."""
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Close a connection its thread is done with."""
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        """Stop listening and drop every kept-alive connection, as a server going down does
        (clients cannot go on using them), so no thread is left waiting on one."""
        with self._open_lock:
            still_open = list(self._open)
        for conn in still_open:
            with contextlib.suppress(OSError):  # closed meanwhile
                conn.shutdown(socket.SHUT_RDWR)
        super().server_close()


def basic_credentials(encoded: str) -> dict[str, str]:
    """client_id and client_secret from an HTTP Basic Authorization header."""
    try:
        client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
    except ValueError:
        return {}
    return {"client_id": client_id, "client_secret": secret}


def parse_body(content_type: str, raw: bytes) -> tuple[dict[str, Any], bool]:
    """Decode a JSON or form body into args; return (args, was_json)."""
    text = raw.decode("utf-8") if raw else ""
    if "application/json" in content_type:
        data = json.loads(text) if text.strip() else {}
        return (data if isinstance(data, dict) else {"_body": data}), True
    return dict(parse_qsl(text, keep_blank_values=True)), False


class Handler(BaseHTTPRequestHandler):
    """Routes `/api/<method>` to the Web API and `/response/<id>` to response_url posts.

    HTTP/1.1 as Slack speaks it: a connection stays open for the next request (every answer
    carries Content-Length) until the client closes it or it is idle IDLE_TIMEOUT_S.
    """

    server: StandInHTTPServer
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S  # a read waiting longer ends the connection
    disable_nagle_algorithm = True  # an answer's body leaves without waiting for an ACK

    def do_GET(self) -> None:
        """Web API methods read with GET (users.info, conversations.info, ...)."""
        self._route(self._body())

    def do_POST(self) -> None:
        """Web API calls and response_url posts."""
        self._route(self._body())

    def _body(self) -> bytes:
        """The request's body, read to its end so the next request on the connection starts
        where it should; a body of unknown length (chunked) ends the connection after the
        answer."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _route(self, raw: bytes) -> None:
        url = urlsplit(self.path)
        standin = self.server.standin
        if url.path.startswith(UPLOAD_PATH) and self.command == "POST":
            self._send_text(*standin.handle_upload(url.path[len(UPLOAD_PATH) :], raw))
            return
        if url.path.startswith(DOWNLOAD_PATH) and self.command == "GET":
            auth = self.headers.get("Authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else None
            self._send_bytes(*standin.handle_download(url.path, token))
            return
        try:
            args, was_json = parse_body(self.headers.get("Content-Type", ""), raw)
        except ValueError:
            self._send(400, {"ok": False, "error": "invalid_json"})
            return
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        if url.path == "/oauth/v2/authorize" and self.command == "GET":
            self._authorize(query)
            return
        if url.path.startswith("/api/"):
            args = {**query, **args}
            auth = self.headers.get("Authorization", "")
            token = auth[7:] if auth.startswith("Bearer ") else args.get("token")
            args.pop("token", None)
            if auth.startswith("Basic "):  # oauth.v2.access: client_id and secret, as Slack asks
                args.update(basic_credentials(auth[6:]))
            method = url.path[len("/api/") :]
            status, headers, body = standin.handle_api(method, args, token, was_json)
            if status == NO_REPLY:
                self.close_connection = True  # the call was applied; the reply is lost
                return
        elif url.path.startswith("/response/") and self.command == "POST":
            if "payload" in args and not was_json:
                args = json.loads(args["payload"])
            rid = url.path[len("/response/") :]
            directory = getattr(standin, "directory", None)
            target = directory.for_response_url(rid) if directory is not None else standin
            status, body = target.handle_response_url(rid, args)
            headers = {}
        else:
            status, headers, body = 404, {}, {"ok": False, "error": "not_found"}
        self._send(status, body, headers)

    def _authorize(self, query: dict[str, str]) -> None:
        """slack.com/oauth/v2/authorize: a redirect back to the app, or an error page."""
        cookies = SimpleCookie(self.headers.get("Cookie", ""))
        session = cookies["d"].value if "d" in cookies else None
        status, location, error = authorize(self.server.standin.directory, query, session)
        body = f"<html><body><p>{html.escape(error)}</p></body></html>".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _send_bytes(self, status: int, headers: dict[str, str], data: bytes) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_text(self, status: int, text: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the terminal quiet; the stand-in records calls itself."""
