"""The stand-in's record of what happened: accepted and refused calls, response_urls, posts."""

from __future__ import annotations

from typing import Any

from bot.local.standin.models import Call, Message, Upload
from bot.local.standin.workspace import Workspace

Answer = tuple[int, dict[str, str], dict[str, Any]]


class Ledger(Workspace):
    """The workspace plus every call Slack saw and every rule the app broke."""

    def __init__(self, **workspace: Any) -> None:
        super().__init__(**workspace)
        self.calls: list[Call] = []
        self.contract_failures: list[str] = []
        self.response_urls: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, Upload] = {}  # file id -> the upload (see api_files)

    def reject(
        self,
        method: str,
        args: dict[str, Any],
        error: str,
        problems: list[str],
        status: int = 200,
        headers: dict[str, str] | None = None,
        extra: dict[str, str] | None = None,
    ) -> Answer:
        """Record a refused call and answer with Slack's error body."""
        self.contract_failures += [f"{method}: {p}" for p in problems]
        self.calls.append(Call(method, args, False, error))
        body: dict[str, Any] = {"ok": False, "error": error, **(extra or {})}
        if problems:
            body["response_metadata"] = {"messages": [f"[ERROR] {p}" for p in problems]}
        return status, headers or {}, body

    def call_count(self, method: str | None = None, *, ok: bool | None = None) -> int:
        """How many Web API calls (of `method`; only accepted or refused ones with `ok`) came."""
        with self.lock:
            return sum(1 for c in self.calls if method in (None, c.method) and ok in (None, c.ok))

    def post_visible(
        self, user: str, channel: str, payload: dict[str, Any], source: str
    ) -> Message:
        """Store what a user sees from an ack or response_url (ephemeral unless in_channel)."""
        in_channel = payload.get("response_type") == "in_channel"
        msg = Message(
            self.next_ts(),
            channel,
            self.bot_user_id,
            payload.get("text") or "",
            payload.get("blocks") or [],
            thread_ts=payload.get("thread_ts"),
            ephemeral_to=None if in_channel else user,
            kind="message" if in_channel else "ephemeral",
            source=source,
        )
        self.add_message(msg)
        return msg
