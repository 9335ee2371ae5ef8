"""HTTP mode: the WSGI app (POST /slack/events, GET /healthz) on waitress."""

import json

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.runtime.front_door import MAX_BODY, Remember, front_door, remember_for
from storage import db

EVENTS_PATH = "/slack/events"


def wsgi_app(app: App, signing_secret: str, remember: Remember | None = None):
    """Slack requests through the front door to Bolt; /healthz answers 200 when the
    database answers."""
    remember = remember or remember_for(db.engine().url.render_as_string())
    bolt = front_door(SlackRequestHandler(app, path=EVENTS_PATH), signing_secret, remember)

    def application(environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == EVENTS_PATH and method == "POST":
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


def serve(app: App, signing_secret: str, host: str, port: int, threads: int = 8) -> None:
    """Serve on waitress, a production-grade multi-threaded WSGI server."""
    import waitress

    waitress.serve(wsgi_app(app, signing_secret), host=host, port=port, **server_options(threads))


def server_options(threads: int) -> dict:
    """waitress's settings: its threads, and no body larger than Slack ever sends (413)."""
    return {"threads": threads, "ident": "dealbot", "max_request_body_size": MAX_BODY}
