"""python -m bot.local.standin [--port P] [--control-port C]: the Slack stand-in alone.

Serves the stand-in's Web API on 127.0.0.1 and a control connection for the process that
started it (see bot/local/standin/remote.py); prints {"api_url", "control_port"} as one
JSON line once both listen, and runs until killed. $STANDIN_AUTHKEY (hex) guards the
control connection; without it one is made up (and the control is of no use to anyone).
"""

import argparse
import os
import secrets

from bot.local.standin.remote import AUTHKEY_ENV, serve

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--port", type=int, default=0, help="the Web API's port (default: a free one)")
ap.add_argument("--control-port", type=int, default=0)
args = ap.parse_args()
os.environ.setdefault(AUTHKEY_ENV, secrets.token_hex(16))
serve(args.port, args.control_port)
