"""The stand-in in a process of its own, asked over a local control connection.

`python -m bot.local.standin` serves a SlackStandIn and, beside its Web API, a
multiprocessing manager through which another process builds the requests Slack would send
(signed by the caller) and reads what happened. A bench uses it so that Slack's side of
every call is on neither the app's CPU nor the senders':

    with RemoteStandIn() as slack:
        bodies = slack.control.slash_bodies(["new Acme 5k"])
"""

from __future__ import annotations

import gc
import json
import os
import secrets
import subprocess
import sys
import time
from multiprocessing.managers import BaseManager
from typing import Any
from urllib.parse import urlencode

from bot.local.standin.driver import Driver
from bot.local.standin.server import SlackStandIn

AUTHKEY_ENV = "STANDIN_AUTHKEY"  # the control connection's shared secret (hex)


class TimedStandIn(SlackStandIn):
    """A stand-in that remembers the wall-clock time of the last Web API call it answered."""

    last_call_at = 0.0

    def handle_api(self, method: str, args: dict[str, Any], token: str | None,
                   was_json: bool = False):
        """Answer as Slack would (see SlackStandIn.handle_api), noting when."""
        try:
            return super().handle_api(method, args, token, was_json)
        finally:
            self.last_call_at = time.time()


class Control:
    """What another process may ask of the stand-in: lives in the stand-in's process."""

    def __init__(self, standin: SlackStandIn) -> None:
        self.standin = standin
        self.driver = Driver(standin, app_url="", signing_secret="")  # builds bodies only

    def api_url(self) -> str:
        """The Web API base URL to give the app (SLACK_API_URL)."""
        return self.standin.api_url

    def slash_bodies(self, texts: list[str], command: str = "/deal", user: str = "U0ANN",
                     channel: str = "C0SALES") -> list[str]:
        """The unsigned form bodies of slash commands, one per text, as Slack sends them."""
        s = self.standin
        return [urlencode({
            "token": self.driver.verification_token, "team_id": s.team_id,
            "team_domain": s.team_domain, "channel_id": channel,
            "channel_name": s.channels[channel]["name"], "user_id": user,
            "user_name": s.users[user]["name"], "command": command, "text": text,
            "api_app_id": s.app_id, "is_enterprise_install": "false",
            "response_url": s.new_response_url(user=user, channel=channel),
            "trigger_id": s.new_trigger_id(user),
        }) for text in texts]

    def click_bodies(self, action_id: str, names: list[str],
                     channel: str = "C0SALES") -> list[str]:
        """Unsigned block_actions bodies clicking `action_id` on the latest message of
        `channel` whose text holds each name (names no message holds are left out)."""
        latest = {}
        for m in self.standin.messages(channel):
            latest.update({n: m for n in names if n in (m.text or "")})
        return [self.driver.click_body(action_id, message=latest[n]) for n in names
                if n in latest]

    def wait_posted(self, names: list[str], timeout: float = 60.0,
                    channel: str = "C0SALES") -> int:
        """Wait until a message of `channel` holds each name (or `timeout` passed); how
        many names have one."""
        left, seen, deadline = set(names), 0, time.monotonic() + timeout
        while left:
            found, seen = self.standin.messages_after(channel, seen)
            said = "\n".join(m.text or "" for m in found)  # one search per name, in C
            left = {n for n in left if n not in said}
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return len(names) - len(left)

    def wait_calls(self, method: str, at_least: int, timeout: float = 60.0) -> int:
        """Wait until `at_least` accepted calls of `method` came (or `timeout` passed);
        how many came. Polls, reading each call once, without holding Slack's lock."""
        seen, count, deadline = 0, 0, time.monotonic() + timeout
        while True:
            calls = self.standin.calls
            upto = len(calls)
            count += sum(1 for c in calls[seen:upto] if c.method == method and c.ok)
            seen = upto
            if count >= at_least or time.monotonic() > deadline:
                return count
            time.sleep(0.05)

    def settle(self, quiet: float = 0.3, timeout: float = 60.0) -> float:
        """Wait until no Web API call came for `quiet` seconds (or `timeout` passed);
        the wall-clock time of the last call."""
        seen, since, start = -1, time.monotonic(), time.monotonic()
        while time.monotonic() - since < quiet and time.monotonic() - start < timeout:
            time.sleep(0.02)
            now = len(self.standin.calls)
            if now != seen:
                seen, since = now, time.monotonic()
        return self.standin.last_call_at

    def counts(self) -> dict[str, int]:
        """Accepted Web API calls per method, and "refused" for every refused one."""
        out: dict[str, int] = {}
        with self.standin.lock:
            for c in self.standin.calls:
                key = c.method if c.ok else "refused"
                out[key] = out.get(key, 0) + 1
        return out

    def contract_failures(self) -> list[str]:
        """Every Slack rule the app broke so far."""
        with self.standin.lock:
            return list(self.standin.contract_failures)


class ControlManager(BaseManager):
    """The control connection (a multiprocessing manager serving one Control)."""


def _freeze_survivors(phase: str, info: dict) -> None:
    """A gc callback: what survived a full collection is kept out of the next ones."""
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def serve(port: int = 0, control_port: int = 0) -> None:
    """Serve a stand-in and its control connection until killed; print one JSON line
    {"api_url", "control_port"} once both listen. The authkey is $STANDIN_AUTHKEY.

    Slack keeps every message; so does the stand-in, and a full collection of Python's
    garbage collector walked all of them: 150 to 360 ms late in a bench run, a core taken
    from the app and its database meanwhile. What survives a full collection is frozen
    out of the next ones (gc.freeze), so each walks only what came since."""
    gc.callbacks.append(_freeze_survivors)
    standin = TimedStandIn(trigger_ttl=None)  # bodies are built ahead of their sending
    standin._port = port
    control = Control(standin.start())
    ControlManager.register("control", callable=lambda: control)
    key = bytes.fromhex(os.environ[AUTHKEY_ENV])
    server = ControlManager(address=("127.0.0.1", control_port), authkey=key).get_server()
    print(json.dumps({"api_url": standin.api_url, "control_port": server.address[1]}),
          flush=True)
    server.serve_forever()


class RemoteStandIn:
    """Starts `python -m bot.local.standin` and connects to it: `api_url`, `control`."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.api_url = ""
        self.control: Any = None

    def __enter__(self) -> RemoteStandIn:
        key = secrets.token_hex(16)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.local.standin"], stdout=subprocess.PIPE,
            env={**os.environ, AUTHKEY_ENV: key}, text=True,
        )
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the stand-in did not start")
        said = json.loads(line)
        self.api_url = said["api_url"]
        ControlManager.register("control")
        manager = ControlManager(address=("127.0.0.1", said["control_port"]),
                                 authkey=bytes.fromhex(key))
        manager.connect()
        self.control = manager.control()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc.stdout.close()
