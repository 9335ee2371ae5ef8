"""What a change handed on to its deal's first outbox row (sending.hand_on): kept in memory
by the process that made the change until that row is sent, so the sender need not read
back what the change just wrote (a new deal's card: handlers/deals/posting.NewCard).

A hint, never the only copy: a row sent by another process, after a restart, or once its
entry was dropped (at most SIZE are kept, the oldest go first) reads the database."""

import threading
from collections import OrderedDict

SIZE = 512  # entries; a burst's backlog of cards fits, memory stays bounded


class Handoffs:
    """Deal id -> what its change handed on; thread-safe."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._items: OrderedDict[int, object] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, handed: dict[int, object]) -> None:
        """Keep what a committed unit of work handed on, by deal id."""
        if not handed:
            return
        with self._lock:
            self._items.update(handed)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def take(self, deal_id: int | None) -> object:
        """What was handed on for the deal (then forgotten), or None."""
        if deal_id is None:
            return None
        with self._lock:
            return self._items.pop(deal_id, None)
