"""A WebClient that keeps its HTTP connections to Slack open between calls.

slack_sdk's WebClient sends every call through urllib.request.urlopen: a new TCP (and TLS)
connection each time. KeptAliveClient overrides only the method that sends one request, and
sends it over a kept-alive http.client connection: one per thread (http.client connections
are not thread-safe) per scheme, host, port and TLS context, shared by every client in the
process. What it returns and raises is what urlopen gives: a dict for a 2xx, HTTPError for
a 4xx or 5xx (so slack_sdk's 429 handling and retry handlers work unchanged). A 3xx, a
proxy or a non-HTTP URL go through slack_sdk's own urllib path.

A call is never sent twice when the server may have read it: a connection the server has
closed (it became readable while idle) or one idle too long is replaced before the request
is written, and a request is written again only when writing it failed on a reused
connection. A connection that drops after the request was written (no answer) raises: a
chat.postMessage whose answer was lost may have been applied (see bot.app.web_client).
"""

from __future__ import annotations

import http.client
import io
import logging
import os
import select
import threading
import time
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient

# A connection idle longer than this is closed and a new one opened before use. Servers and
# load balancers close idle keep-alive connections after a while; a request written just as
# the server closes is lost with no way to tell whether it was read, so an old connection is
# not worth the risk (a new one costs a handshake).
IDLE_LIMIT_S = 10.0
# Writing the request failed: the server had closed the idle connection and read nothing.
_CLOSED_BEFORE_SENT = (BrokenPipeError, ConnectionResetError)


class _Kept:
    """One open connection and when it last finished a call."""

    __slots__ = ("conn", "last_used")

    def __init__(self, conn: http.client.HTTPConnection) -> None:
        self.conn, self.last_used = conn, time.monotonic()


class _Connections(dict):
    """One thread's connections by (scheme, host, port, TLS context); closed when the
    thread ends (its thread-local storage goes)."""

    def close_all(self) -> None:
        for kept in self.values():
            kept.conn.close()
        self.clear()

    def close_idle(self) -> None:
        """Close the connections idle past the limit (they would not be used again)."""
        now = time.monotonic()
        for key, kept in list(self.items()):
            if now - kept.last_used > IDLE_LIMIT_S:
                del self[key]
                kept.conn.close()

    def __del__(self) -> None:
        self.close_all()


_local = threading.local()


def _connections() -> _Connections:
    found = getattr(_local, "connections", None)
    if found is None:
        found = _local.connections = _Connections()
    return found


def close_connections() -> None:
    """Close this thread's kept connections (the next call opens new ones)."""
    _connections().close_all()


# A forked process must not write on its parent's sockets: it starts with none.
os.register_at_fork(after_in_child=close_connections)


def _dropped(conn: http.client.HTTPConnection) -> bool:
    """Whether an idle connection is unusable: closed, or readable (the server closed it or
    sent something unasked), as urllib3 checks before reusing one."""
    if conn.sock is None:
        return True
    poller = select.poll()
    poller.register(conn.sock, select.POLLIN)
    return bool(poller.poll(0))


class KeptAliveClient(WebClient):
    """slack_sdk's WebClient, its calls sent over kept-alive connections (see the module)."""

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        parts = urlsplit(req.full_url)
        scheme = parts.scheme.lower()
        if self.proxy is not None or scheme not in ("http", "https") or not parts.hostname:
            return super()._perform_urllib_http_request_internal(url, req)
        port = parts.port or (443 if scheme == "https" else 80)
        key = (scheme, parts.hostname, port, self.ssl if scheme == "https" else None)
        headers = _headers(req)
        resp, body = self._exchange(key, req, headers)
        if 200 <= resp.status < 300:
            return self._answer(resp, body)
        if resp.status >= 400:  # as urlopen raises it; slack_sdk reads its headers and body
            raise HTTPError(req.full_url, resp.status, resp.reason, resp.headers, io.BytesIO(body))
        return super()._perform_urllib_http_request_internal(url, req)  # 3xx: urllib follows

    def _exchange(
        self, key: tuple, req: Request, headers: dict[str, str]
    ) -> tuple[http.client.HTTPResponse, bytes]:
        """Write the request and read the whole answer on this thread's connection."""
        pool = _connections()
        kept = pool.pop(key, None)
        if pool:
            pool.close_idle()  # another host's, or a server's no longer used
        if kept is not None and (
            time.monotonic() - kept.last_used > IDLE_LIMIT_S or _dropped(kept.conn)
        ):
            kept.conn.close()
            kept = None
        reused = kept is not None
        conn = kept.conn if kept is not None else self._connect(key)
        try:
            try:
                self._write(conn, req, headers)
            except _CLOSED_BEFORE_SENT:
                if not reused:
                    raise
                conn.close()
                conn = self._connect(key)
                self._write(conn, req, headers)
        except BaseException as err:
            conn.close()
            if isinstance(err, OSError):  # as urlopen: a failure to send is a URLError
                raise URLError(err) from err
            raise
        try:
            resp = conn.getresponse()
            body = resp.read()
        except BaseException:
            conn.close()  # the answer is lost; the call may have been applied
            raise
        if conn.sock is not None:  # the server keeps it open (no Connection: close)
            pool[key] = _Kept(conn)
        return resp, body

    def _connect(self, key: tuple) -> http.client.HTTPConnection:
        scheme, host, port, context = key
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=self.timeout, context=context)
        return http.client.HTTPConnection(host, port, timeout=self.timeout)

    def _write(self, conn: http.client.HTTPConnection, req: Request, headers: dict) -> None:
        conn.timeout = self.timeout
        if conn.sock is not None:
            conn.sock.settimeout(self.timeout)
        conn.request(req.get_method(), req.selector, req.data, headers)

    def _answer(self, resp: http.client.HTTPResponse, body: bytes) -> dict[str, Any]:
        """What urllib's path returns: gzip as bytes (admin.analytics.getFile), else text."""
        if resp.headers.get_content_type() != "application/gzip":
            body = body.decode(resp.headers.get_content_charset() or "utf-8")
        if self._logger.isEnabledFor(logging.DEBUG):  # not .level: slack_sdk issue #1957
            shown = body if isinstance(body, str) else "(binary)"
            self._logger.debug(
                "Received the following response - "
                f"status: {resp.status}, headers: {dict(resp.headers)}, body: {shown}"
            )
        return {"status": resp.status, "headers": resp.headers, "body": body}


def _headers(req: Request) -> dict[str, str]:
    """The headers urllib would send, less its `Connection: close` (http.client adds Host,
    Accept-Encoding and Content-Length)."""
    headers = dict(req.unredirected_hdrs)
    headers.update((k, v) for k, v in req.headers.items() if k not in headers)
    if req.data is not None and "Content-type" not in headers:
        headers["Content-type"] = "application/x-www-form-urlencoded"
    return {name.title(): value for name, value in headers.items()}
