"""A bare Bolt app whose one command, /ping, only acks: the anchor of bench/load.py.

    SLACK_SIGNING_SECRET=… SLACK_API_URL=… python bench/bare_bolt.py --port P [--threads 8]

Bolt with its defaults behind the WSGI server `dealbot serve` uses (waitress, the same
options), nothing else: what any Bolt app pays per request on this machine. GET /healthz
answers 200 once it listens.
"""

import argparse
import os

import waitress
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.runtime.web import EVENTS_PATH, server_options


def application(secret: str, api_url: str):
    """The WSGI app: Bolt at /slack/events, 200 at /healthz."""
    app = App(token="xoxb-bare", signing_secret=secret, token_verification_enabled=False)
    app.client.base_url = api_url
    app.command("/ping")(lambda ack: ack())
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Length", "0")])
            return [b""]
        return bolt(environ, start_response)

    return wsgi


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    wsgi = application(os.environ["SLACK_SIGNING_SECRET"], os.environ.get("SLACK_API_URL", ""))
    waitress.serve(wsgi, host="127.0.0.1", port=args.port, _quiet=True,
                   **server_options(args.threads))
