"""The clock ticks at once and keeps ticking after a failure."""

import threading
from datetime import UTC, datetime

from bot.runtime.clock import start


def test_the_clock_ticks_at_start_and_survives_a_failing_tick():
    calls: list[datetime] = []
    two = threading.Event()

    def tick(now: datetime) -> None:
        calls.append(now)
        if len(calls) == 2:
            two.set()
        raise RuntimeError("a broken tick must not stop the clock")

    sched = start(tick, every=0.05)
    try:
        assert two.wait(timeout=10)
    finally:
        sched.shutdown(wait=False)
    assert calls[0].tzinfo == UTC
