"""SlackStandIn: a local fake of Slack's Web API and response_url, for demo, console and tests."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from bot.local.standin import api_files, api_files_read, dispatch, functions
from bot.local.standin import methods as m
from bot.local.standin.checks import check_message
from bot.local.standin.faults import Faults
from bot.local.standin.http import StandInHTTPServer
from bot.local.standin.ledger import Answer
from bot.local.standin.models import Message
from bot.local.standin.readback import Readback
from bot.local.standin.response_url import respond
from bot.local.standin.workspaces import Directory


class SlackStandIn(Readback):
    """A fake Slack on 127.0.0.1 that checks every call against Slack's rules and records it.

    `users` maps ids to {"name", "real_name", "tz", "is_bot"}; `channels` maps ids to
    {"name", "is_private", "members"} (the bot is a member when its id is listed).
    `trigger_ttl=None` turns trigger expiry off (for the interactive console).
    `scopes` are the bot token's scopes (default: the manifest's); every call is checked
    against the scope Slack's method reference lists for it (missing_scope).
    `faults` arms lost replies, 429s and errors; kick/invite/archive/delete_channel change
    channels as people do in Slack; restart() keeps the state and the port.
    What people see is read back through `Readback`; `dispatch` answers each Web API call.
    """

    def __init__(
        self,
        *,
        team_id: str = "T0DEMO",
        team_name: str = "Demo Co",
        bot_user_id: str = "UDEALBOT",
        users: dict[str, dict[str, Any]] | None = None,
        channels: dict[str, dict[str, Any]] | None = None,
        trigger_ttl: float | None = m.TRIGGER_TTL_S,
        clock: Callable[[], float] = time.monotonic,
        scopes: Iterable[str] | None = None,
    ) -> None:
        super().__init__(
            team_id=team_id,
            team_name=team_name,
            bot_user_id=bot_user_id,
            users=users,
            channels=channels,
            trigger_ttl=trigger_ttl,
            clock=clock,
        )
        for uid, u in self.users.items():
            u.setdefault("id", uid)
            u.setdefault("name", uid.lower())
        self.scopes = frozenset(scopes) if scopes is not None else None
        self.faults = Faults(self.lock)
        self._server: StandInHTTPServer | None = None
        self._port = 0
        self.directory = Directory(self)  # this workspace and any added: tokens decide
        self.hosted_by: SlackStandIn | None = None  # an added workspace's server
        self.executions: dict[str, functions.Execution] = {}  # workflow steps Slack started
        self.caller_token: str | None = None  # the token of the call being answered

    def add_workspace(self, *, team_id: str, team_name: str, **kw: Any) -> SlackStandIn:
        """Another workspace served at the same API URL (see bot/local/standin/workspaces)."""
        return self.directory.add_workspace(team_id=team_id, team_name=team_name, **kw)

    # lifecycle ------------------------------------------------------------------------------
    def start(self) -> SlackStandIn:
        """Serve on 127.0.0.1 in a daemon thread: at a free port, or the one served on before."""
        self._server = StandInHTTPServer(self, self._port)
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def restart(self) -> SlackStandIn:
        """Stop and start serving on the same port, keeping every message, channel and call."""
        self.stop()
        return self.start()

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port> (the server must be started)."""
        if self.hosted_by is not None:
            return self.hosted_by.base_url
        if self._server is None:
            raise RuntimeError("SlackStandIn is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        """The Web API base URL to give WebClient(base_url=...)."""
        return self.base_url + "/api/"

    # fault injection ------------------------------------------------------------------------
    def fail_next(
        self, method: str, error: str, *, status: int = 200, retry_after: int | None = None
    ) -> None:
        """Make the next call of `method` fail with `error` (see `faults` for more)."""
        self.faults.fail(method, error, status=status, retry_after=retry_after)

    # Web API --------------------------------------------------------------------------------
    def handle_api(
        self, method: str, args: dict[str, Any], token: str | None, was_json: bool = False
    ) -> Answer:
        """Answer one Web API call as Slack would, recording it."""
        try:
            with self.lock:
                return dispatch.answer(self, method, args, token, was_json)
        finally:
            self.flush()
            with self._changed:
                self._changed.notify_all()

    def handle_upload(self, key: str, raw: bytes) -> tuple[int, str]:
        """Answer the POST of a file's bytes to an upload URL (see api_files), any workspace's."""
        for ws in list(self.directory.workspaces.values()):
            with ws.lock:
                answer = api_files.receive(ws, key, raw)
            if answer is not None:
                return answer
        return 404, "no such upload"

    def handle_download(self, path: str, token: str | None) -> api_files_read.Download:
        """Answer a GET of a file's url_private(_download): the bot token of its workspace
        gets the bytes (see api_files_read); no token or a bad one, Slack's sign-in redirect."""
        for ws in list(self.directory.workspaces.values()):
            with ws.lock:
                upload = api_files_read.find(ws, path)
                if upload is None:
                    continue
                owner, refused, _ = self.directory.owner("files.download", token, ws)
                if refused or owner is not ws:
                    return api_files_read.sign_in_redirect(ws, path)
                return api_files_read.download(ws, upload)
        return 404, {"Content-Type": "text/plain"}, b"file not found"

    # response_url ---------------------------------------------------------------------------
    def new_response_url(
        self, *, user: str | None = None, channel: str | None = None, message_ts: str | None = None
    ) -> str:
        """Issue a response_url for an interaction by `user` in `channel` (on `message_ts`)."""
        rid = secrets.token_hex(12)
        with self.lock:
            self.response_urls[rid] = {
                "user": user,
                "channel": channel,
                "message_ts": message_ts,
                "uses": 0,
                "issued": self.clock(),
            }
        return f"{self.base_url}/response/{rid}"

    def handle_response_url(self, rid: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer a POST to a response_url: a new ephemeral/in-channel message or a replacement."""
        try:
            with self.lock:
                return respond(self, rid, payload)
        finally:
            self.flush()
            with self._changed:
                self._changed.notify_all()

    def record_ack(self, user: str, channel: str, payload: dict[str, Any]) -> Message | None:
        """Record a slash command's ack body as what the user sees; check its blocks."""
        problems = check_message(payload)
        with self.lock:
            if problems:
                self.contract_failures += [f"ack: {p}" for p in problems]
                return None
            msg = self.post_visible(user, channel, payload, "ack")
        self.flush()
        return msg
