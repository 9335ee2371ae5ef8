"""The state of the stand-in workspace: people, channels, messages, views and triggers."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from bot import manifest
from bot.local.standin.access import Access
from bot.local.standin.errors import ApiError
from bot.local.standin.models import Message, default_channels, default_users


class Workspace(Access):
    """Slack-side state, guarded by `lock`; the methods with side effects expect it held.

    What the bot may see, post, read and hear (scopes, membership) is in `Access`.
    """

    def __init__(
        self,
        *,
        team_id: str,
        team_name: str,
        bot_user_id: str,
        users: dict[str, dict[str, Any]] | None,
        channels: dict[str, dict[str, Any]] | None,
        trigger_ttl: float | None,
        clock: Callable[[], float],
    ) -> None:
        self.team_id, self.team_name, self.bot_user_id = team_id, team_name, bot_user_id
        self.team_domain = "-".join(team_name.lower().split()) or "demo"
        self.bot_id, self.app_id = "B0DEALBOT", "A0DEALBOT"
        given = {uid: dict(u) for uid, u in users.items()} if users is not None else None
        self.users = given if given is not None else default_users(team_id, bot_user_id)
        self.users.setdefault(bot_user_id, {"name": "dealbot", "is_bot": True})
        raw = channels if channels is not None else default_channels(bot_user_id)
        self.channels = {cid: {"id": cid, "is_private": False, **c} for cid, c in raw.items()}
        # channels: {id: {"name", "is_private", "members": [user ids, the bot's id if a member]}}
        for c in self.channels.values():
            c["members"] = list(c.get("members", []))
        self.trigger_ttl, self.clock = trigger_ttl, clock
        self.scopes = None  # the manifest's bot scopes; see `scopes`
        self.bot_events = set(manifest.load()["settings"]["event_subscriptions"]["bot_events"])
        self.lock = threading.RLock()
        self.on_post: Callable[[Message], None] | None = None
        self.warnings: list[str] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.stacks: dict[str, list[str]] = {}
        self.homes: dict[str, str] = {}
        self.view_owner: dict[str, str] = {}
        self._all: list[Message] = []
        self._by_ts: dict[str, list[Message]] = {}  # find_message's index: Slack's is not a scan
        self._feed: list[Message] = []
        self._outbox: list[Message] = []
        self._triggers: dict[str, dict[str, Any]] = {}
        self._seq = 0
        self._last_ts = 0

    # ids ------------------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A fresh Slack-looking id such as V0000000001."""
        with self.lock:
            self._seq += 1
            return f"{prefix}{self._seq:010d}"

    def next_ts(self) -> str:
        """A unique, increasing message ts based on the wall clock."""
        with self.lock:
            micros = max(int(time.time() * 1_000_000), self._last_ts + 1)
            self._last_ts = micros
            return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def new_hash(self) -> str:
        """A view hash in Slack's format."""
        return f"{int(time.time())}.{secrets.token_hex(4)}"

    def new_trigger_id(self, user: str) -> str:
        """Issue a single-use trigger_id for `user` ("1234567.89012345.abcdef")."""
        tid = f"{secrets.randbelow(9_000_000) + 1_000_000}.{secrets.randbelow(10**8):08d}."
        tid += secrets.token_hex(16)
        with self.lock:
            self._triggers[tid] = {"user": user, "issued": self.clock(), "used": False}
        return tid

    def use_trigger(self, tid: Any) -> str:
        """Exchange a trigger_id for its user, or raise the error Slack gives."""
        t = self._triggers.get(str(tid or ""))
        if t is None:
            raise ApiError("invalid_trigger_id")
        if t["used"]:
            raise ApiError("exchanged_trigger_id")
        if self.trigger_ttl is not None and self.clock() - t["issued"] > self.trigger_ttl:
            raise ApiError("expired_trigger_id")
        t["used"] = True
        return t["user"]

    # channels -------------------------------------------------------------------------------
    def dm_id(self, user: str) -> str:
        """The id of the bot's DM with `user`."""
        return "D" + user[1:]

    def open_dm(self, users: list[str]) -> str:
        """Open (or find) the DM or group DM with `users`; the bot is a member."""
        with self.lock:
            if len(users) == 1:
                cid = self.dm_id(users[0])
                self.channels.setdefault(
                    cid,
                    {
                        "id": cid,
                        "is_im": True,
                        "is_private": True,
                        "user": users[0],
                        "name": users[0],
                        "members": [users[0], self.bot_user_id],
                    },
                )
                return cid
            key = sorted(users)
            for cid, c in self.channels.items():
                if c.get("is_mpim") and sorted(c["members"][:-1]) == key:
                    return cid
            cid = self.new_id("G")
            self.channels[cid] = {
                "id": cid,
                "is_private": True,
                "is_mpim": True,
                "name": "mpdm-" + "--".join(key),
                "members": [*key, self.bot_user_id],
            }
            return cid

    # channel state, changed the way people change it in Slack ---------------------------------
    def kick(self, channel: str, user: str | None = None) -> None:
        """Remove `user` (the bot by default) from the channel, as /remove does."""
        with self.lock:
            members = self.channels[channel]["members"]
            who = user or self.bot_user_id
            if who in members:
                members.remove(who)

    def invite(self, channel: str, user: str | None = None) -> None:
        """Add `user` (the bot by default) to the channel, as /invite does."""
        with self.lock:
            members = self.channels[channel]["members"]
            if (user or self.bot_user_id) not in members:
                members.append(user or self.bot_user_id)

    def archive(self, channel: str, archived: bool = True) -> None:
        """Archive the channel (or, with archived=False, unarchive it); its members stay."""
        with self.lock:
            self.channels[channel]["is_archived"] = archived

    def delete_channel(self, channel: str) -> None:
        """Delete the channel: every call naming it then answers channel_not_found."""
        with self.lock:
            del self.channels[channel]

    # messages -------------------------------------------------------------------------------
    def find_message(self, channel: str | None, ts: str) -> Message | None:
        """The message (or ephemeral) with this ts, in `channel` if given."""
        with self.lock:
            same = self._by_ts.get(ts, ())
            return next((x for x in same if channel in (None, x.channel)), None)

    def stored_messages(self, channel: str) -> list[Message]:
        """Every message (not ephemeral) ever posted in `channel`, deleted ones too, in order."""
        with self.lock:
            return [
                x
                for x in self._all
                if x.channel == channel and x.kind == "message" and not x.ephemeral_to
            ]

    def add_message(self, msg: Message) -> None:
        """Store a new message and tell the listener."""
        with self.lock:
            self._all.append(msg)
            self._by_ts.setdefault(msg.ts, []).append(msg)
            self._emit(msg)

    def change_message(
        self,
        msg: Message,
        *,
        text: str | None = None,
        blocks: list[dict[str, Any]] | None = None,
        deleted: bool = False,
    ) -> None:
        """Edit or delete a stored message in place, keeping its ts."""
        with self.lock:
            if text is not None:
                msg.text = text
            if blocks is not None:
                msg.blocks = blocks
            msg.edited = msg.edited or not deleted
            msg.deleted = deleted
            self._emit(msg)

    # views ----------------------------------------------------------------------------------
    def _view_message(self, user: str, rec: dict[str, Any], kind: str) -> Message:
        title = (rec.get("title") or {}).get("text", "")
        return Message(self.next_ts(), "", user, title, rec.get("blocks", []), kind=kind, view=rec)

    def show_view(self, user: str, rec: dict[str, Any], *, replace_stack: bool = False) -> None:
        """Open a modal for `user` (a new stack, or pushed on the open one)."""
        with self.lock:
            self.view_owner[rec["id"]] = user
            self.views[rec["id"]] = rec
            stack = [] if replace_stack else self.stacks.get(user, [])
            self.stacks[user] = [*stack, rec["id"]]
            self._emit(self._view_message(user, rec, "view"))

    def replace_view(self, rec: dict[str, Any]) -> None:
        """Replace a stored view's content (same id, new hash)."""
        with self.lock:
            user = self.view_owner.get(rec["id"], "")
            self.views[rec["id"]] = rec
            self._emit(
                self._view_message(user, rec, rec["type"] if rec["type"] == "home" else "view")
            )

    def publish_home(self, user: str, rec: dict[str, Any]) -> None:
        """Store `user`'s Home tab."""
        with self.lock:
            self.view_owner[rec["id"]] = user
            self.views[rec["id"]] = rec
            self.homes[user] = rec["id"]
            self._emit(self._view_message(user, rec, "home"))

    def close_modal(self, user: str, view_id: str, *, clear: bool = False) -> None:
        """Take a modal (or, with `clear`, the whole stack) off the user's screen."""
        with self.lock:
            stack = self.stacks.get(user, [])
            if view_id in stack:
                closed = stack if clear else [view_id]
                self.stacks[user] = [] if clear else [v for v in stack if v != view_id]
                for vid in closed:
                    self._emit(self._view_message(user, self.views[vid], "view_closed"))

    def _emit(self, msg: Message) -> None:
        self._feed.append(msg)
        self._outbox.append(msg)

    def flush(self) -> None:
        """Deliver pending changes to `on_post`, outside the lock."""
        with self.lock:
            out, self._outbox = self._outbox, []
        if self.on_post:
            for msg in out:
                self.on_post(msg)
