"""Requests first: Slack's requests being answered now, and a gap for the outbox to send in.

Slack wants every request acknowledged within 3 seconds; a card or a thread line has no
such deadline. The deliverer shares the process (and Python's one interpreter lock) with
the listeners, so before each send it waits for a gap: no request being answered, and
none answered in the last `quiet` seconds (a seller's next click often follows at once).
It waits at most `max_wait` seconds, so a stream of requests never starves delivery.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Answering:
    """Counts requests being answered; `wait_gap` blocks while there are any."""

    def __init__(self, max_wait: float = 0.5, quiet: float = 0.02) -> None:
        self.max_wait, self.quiet = max_wait, quiet
        self._count = 0
        self._last = float("-inf")  # when the last request was answered (monotonic)
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
                self._last = time.monotonic()
                if not self._count:
                    self._state.notify_all()

    def wait_gap(self) -> bool:
        """Wait for a gap (True), or until max_wait passes (False)."""
        deadline = time.monotonic() + self.max_wait
        with self._state:
            while True:
                now = time.monotonic()
                if not self._count and now - self._last >= self.quiet:
                    return True
                if now >= deadline:
                    return False
                wait = deadline - now if self._count else self._last + self.quiet - now
                self._state.wait(min(wait, deadline - now))
