"""What tests, the demo and the console read back from the stand-in: what each user sees."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from bot.local.standin.ledger import Ledger
from bot.local.standin.models import Message


class Readback(Ledger):
    """The ledger's messages, views and feed as people see them, and a wait for the next change.

    Whoever changes what is seen notifies `_changed` (the stand-in, after every call).
    """

    def __init__(self, **workspace: Any) -> None:
        super().__init__(**workspace)
        self._changed = threading.Condition(self.lock)

    def messages(self, channel: str) -> list[Message]:
        """Messages everyone sees in `channel` itself (not thread replies unless broadcast)."""
        return _in_channel_itself(self._posted(channel))

    def thread(self, channel: str, ts: str) -> list[Message]:
        """The parent message and its replies."""
        return [x for x in self._posted(channel) if ts in (x.ts, x.thread_ts)]

    def last_message(self, channel: str | None = None) -> Message | None:
        """The latest message everyone sees in a channel (in `channel` if given), not in threads."""
        shown = [x for x in self._posted(channel) if x.thread_ts in (None, x.ts)]
        return shown[-1] if shown else None

    def messages_after(self, channel: str, seen: int) -> tuple[list[Message], int]:
        """As `messages`, of those stored after the first `seen` (0: all), and how many are
        stored now: a poll for what is new reads only what is new."""
        with self.lock:  # re-entrant: the count is of what _posted read
            return _in_channel_itself(self._posted(channel, after=seen)), len(self._all)

    def _posted(self, channel: str | None, after: int = 0) -> list[Message]:
        with self.lock:
            return [
                x
                for x in self._all[after:]
                if x.kind == "message" and not x.deleted and channel in (None, x.channel)
            ]

    def ephemerals(self, user: str, channel: str | None = None) -> list[Message]:
        """Ephemeral messages shown to `user` (from the API, acks and response_url)."""
        with self.lock:
            return [
                x
                for x in self._all
                if x.ephemeral_to == user and not x.deleted and channel in (None, x.channel)
            ]

    def visible_to(self, user: str) -> list[Message]:
        """Every current message and ephemeral `user` can see, in order."""
        with self.lock:
            return [x for x in self._all if not x.deleted and x.ephemeral_to in (None, user)]

    def view(self, view_id: str) -> dict[str, Any] | None:
        """A stored view (modal or Home tab) by id."""
        with self.lock:
            return self.views.get(view_id)

    def open_views(self, user: str) -> list[dict[str, Any]]:
        """The user's open modal stack, bottom first."""
        with self.lock:
            return [self.views[v] for v in self.stacks.get(user, [])]

    def home(self, user: str) -> dict[str, Any] | None:
        """The Home tab published for `user`."""
        with self.lock:
            return self.views.get(self.homes.get(user, ""))

    def feed(self) -> list[Message]:
        """Every visible change so far (posts, edits, ephemerals, views, homes), in order."""
        with self.lock:
            return list(self._feed)

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until `predicate()` is truthy after some call; return it (falsy on timeout)."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout)


def _in_channel_itself(posted: list[Message]) -> list[Message]:
    """Of posted messages, those shown in the channel: not thread replies unless broadcast."""
    return [x for x in posted if x.thread_ts in (None, x.ts) or x.broadcast]
