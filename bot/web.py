"""HTTP mode: the WSGI app (POST /slack/events, GET /healthz) on waitress."""

import json

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from storage import db

EVENTS_PATH = "/slack/events"


def wsgi_app(app: App):
    """Slack requests to Bolt; /healthz answers 200 when the database answers."""
    bolt = SlackRequestHandler(app)

    def application(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
            return bolt(environ, start_response)
        if path == "/healthz" and method in ("GET", "HEAD"):
            ok = db.ping()
            body = json.dumps({"ok": ok, "database": "up" if ok else "down"}).encode()
            status = "200 OK" if ok else "503 Service Unavailable"
            start_response(
                status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        body = b'{"ok": false, "error": "not_found"}'
        start_response(
            "404 Not Found",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]

    return application


def serve(app: App, host: str, port: int, threads: int = 8) -> None:
    """Serve on waitress, a production-grade multi-threaded WSGI server."""
    import waitress

    waitress.serve(wsgi_app(app), host=host, port=port, threads=threads, ident="dealbot")
