"""Requests first: Slack's requests being answered now, and a gap for the outbox to send in.

Slack wants every request acknowledged within 3 seconds; a card or a thread line has no
such deadline. The deliverer shares the process (and Python's one interpreter lock) with
the listeners, so before each send it waits for a moment when no request is being
answered, at most `max_wait` seconds, so a burst of requests is answered first and
delivery never starves.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Answering:
    """Counts requests being answered; `wait_gap` blocks while there are any."""

    def __init__(self, max_wait: float = 0.5) -> None:
        self.max_wait = max_wait
        self._count = 0
        self._state = threading.Condition()

    @contextmanager
    def request(self) -> Iterator[None]:
        """Around answering one request (until its acknowledgement is ready)."""
        with self._state:
            self._count += 1
        try:
            yield
        finally:
            with self._state:
                self._count -= 1
                if not self._count:
                    self._state.notify_all()

    def wait_gap(self) -> bool:
        """Wait until no request is being answered (True), or max_wait passes (False)."""
        with self._state:
            return self._state.wait_for(lambda: not self._count, timeout=self.max_wait)
