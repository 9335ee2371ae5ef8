"""Slack's rules of access for the stand-in's bot: what it may see, post in and read, the
scope each Web API call needs (from Slack's method reference), and which message events
reach it. The token's scopes are the manifest's unless a test sets others."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot import manifest
from bot.local.standin import methods as m
from bot.local.standin.errors import ApiError

EVENT_NAME = {"public": "channels", "private": "groups", "im": "im", "mpim": "mpim"}
CHANNEL_TYPE = {"public": "channel", "private": "group", "im": "im", "mpim": "mpim"}


def kind_of(c: dict[str, Any]) -> str:
    """A conversation's type: "public", "private", "im" or "mpim"."""
    if c.get("is_im"):
        return "im"
    if c.get("is_mpim"):
        return "mpim"
    return "private" if c["is_private"] else "public"


class Access:
    """Mixed into the workspace: needs `channels`, `users`, `bot_user_id`, `bot_events`
    and `open_dm`."""

    channels: dict[str, dict[str, Any]]
    users: dict[str, dict[str, Any]]
    bot_user_id: str
    bot_events: set[str]
    open_dm: Any  # (users) -> the DM's id

    @property
    def scopes(self) -> frozenset[str]:
        """The bot token's scopes, checked on every call: the manifest's unless set otherwise
        (setting None restores the manifest's)."""
        return self._scopes

    @scopes.setter
    def scopes(self, value: Iterable[str] | None) -> None:
        self._scopes = frozenset(manifest.bot_scopes() if value is None else value)

    def visible_channel(self, cid: Any) -> dict[str, Any]:
        """The channel if the bot can see it (private ones only as a member)."""
        c = self.channels.get(str(cid))
        if c is None or (c["is_private"] and self.bot_user_id not in c["members"]):
            raise ApiError("channel_not_found")
        return c

    def postable_channel(self, cid: Any, *, public_write: bool = False) -> str:
        """Resolve a channel (or a user id, meaning the DM) the bot may post in."""
        # With public_write (chat.postMessage) and chat:write.public granted, a public
        # channel the bot is not in takes the post, as in Slack.
        cid = str(cid)
        if cid[:1] in ("U", "W") and cid in self.users:
            return self.open_dm([cid])
        c = self.visible_channel(cid)
        if c.get("is_archived"):
            raise ApiError("is_archived")
        granted = public_write and kind_of(c) == "public" and "chat:write.public" in self.scopes
        if self.bot_user_id not in c["members"] and not granted:
            raise ApiError("not_in_channel")
        return cid

    def readable_channel(self, cid: Any) -> str:
        """A conversation the bot may read the history of: it must be a member, as in Slack."""
        c = self.visible_channel(cid)
        if self.bot_user_id not in c["members"]:
            raise ApiError("not_in_channel")
        return c["id"]

    def check_scope(self, method: str, args: dict[str, Any]) -> None:
        """Refuse with missing_scope, as Slack does, a call whose token lacks the scope Slack's
        method reference lists for it (for the conversation's type, where it lists one per
        type); a conversation the bot cannot see is left to the method (channel_not_found)."""
        listed = m.METHODS[method].scopes
        kind = self._target_kind(args) if len(listed) > 1 else None
        needed = [s for s in listed if len(listed) == 1 or m.SCOPE_KIND[s.split(":")[0]] == kind]
        if needed:
            self.need_scope(needed[0])

    def _target_kind(self, args: dict[str, Any]) -> str | None:
        if args.get("channel"):
            c = self.channels.get(str(args["channel"]))
            visible = c is not None and (not c["is_private"] or self.bot_user_id in c["members"])
            return kind_of(c) if visible else None
        raw = args.get("users")
        users = raw if isinstance(raw, list) else str(raw or "").split(",")
        return "im" if len([u for u in users if u.strip()]) == 1 else "mpim"

    def need_scope(self, scope: str) -> None:
        """Refuse with missing_scope, as Slack does, when the token lacks this scope."""
        if scope not in self.scopes:
            provided = ",".join(sorted(self.scopes))
            problem = f"the app lacks the {scope} scope"
            raise ApiError("missing_scope", [problem], needed=scope, provided=provided)

    def hears(self, event: dict[str, Any]) -> bool:
        """Whether Slack sends the app this event. A message event comes only from a
        conversation the bot is a member of (its DMs included), and only when the app
        subscribes to that type's message.* event and holds its *:history scope."""
        if event.get("type") != "message":
            return True
        c = self.channels.get(str(event.get("channel")))
        if c is None or self.bot_user_id not in c["members"]:
            return False
        name = EVENT_NAME[kind_of(c)]
        return f"message.{name}" in self.bot_events and f"{name}:history" in self.scopes
