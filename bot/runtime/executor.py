"""The bounded pool that runs everything after the ack: outbox sends and after-ack work.

It never queues more work than it has threads. Work that finds every thread busy is
refused by `try_submit` (the outbox leaves its rows waiting in the database) or, through
`submit`, run by the caller itself (Bolt's lazy listeners): the request that brought it
waits, and nothing piles up in memory.
"""

import contextvars
import threading
from concurrent.futures import Future, ThreadPoolExecutor


class WorkPool(ThreadPoolExecutor):
    """A thread pool of `max_workers` threads that takes at most that much work at once and
    can say when all of it is done."""

    def __init__(self, max_workers: int = 16) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="dealbot-work")
        self.size = max_workers
        self._pending = 0
        self._idle = threading.Condition()

    def free(self) -> int:
        """How many threads have no work."""
        with self._idle:
            return self.size - self._pending

    def wait_free(self, timeout: float | None = None) -> int:
        """Block until a thread is free (or the timeout passes); how many are free."""
        with self._idle:
            self._idle.wait_for(lambda: self._pending < self.size, timeout=timeout)
            return self.size - self._pending

    def try_submit(self, fn, /, *args, **kwargs) -> Future | None:
        """Submit work when a thread is free for it, else None (nothing is queued). It runs
        in a copy of the submitter's context, so its log lines carry the request's fields."""
        with self._idle:
            if self._pending >= self.size:
                return None
            self._pending += 1
        try:
            future = super().submit(contextvars.copy_context().run, fn, *args, **kwargs)
        except RuntimeError:  # shut down
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return future

    def submit(self, fn, /, *args, **kwargs) -> Future:
        """Submit work; when every thread is busy the caller runs it (backpressure)."""
        future = self.try_submit(fn, *args, **kwargs)
        if future is not None:
            return future
        future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as e:
            future.set_exception(e)
        return future

    def _done(self, _future: Future | None) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until no work is pending (True) or the timeout passes (False)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout=timeout)
