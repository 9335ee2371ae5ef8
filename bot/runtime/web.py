"""HTTP mode: the WSGI app (POST /slack/events, GET /healthz) on waitress."""

import json

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from storage import db

EVENTS_PATH = "/slack/events"


def wsgi_app(app: App):
    """Slack requests to Bolt; /healthz answers 200 when the database answers."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
            if not environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "").isdigit():
                # Bolt's verifier fails with a 500 on an empty or non-numeric timestamp.
                return answer(start_response, "401 Unauthorized", {"error": "invalid_request"})
            return bolt(environ, start_response)
        if path == "/healthz" and method in ("GET", "HEAD"):
            ok = db.ping()
            status = "200 OK" if ok else "503 Service Unavailable"
            return answer(start_response, status, {"ok": ok, "database": "up" if ok else "down"})
        return answer(start_response, "404 Not Found", {"ok": False, "error": "not_found"})

    return application


def answer(start_response, status: str, payload: dict) -> list[bytes]:
    """A small JSON response."""
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    start_response(status, headers)
    return [body]


def serve(app: App, host: str, port: int, threads: int = 8) -> None:
    """Serve on waitress, a production-grade multi-threaded WSGI server."""
    import waitress

    waitress.serve(wsgi_app(app), host=host, port=port, threads=threads, ident="dealbot")
