"""The clock ticks at once and keeps ticking after a failure; posts are paced per channel."""

import threading
from datetime import UTC, datetime

from bot.runtime.clock import start
from handlers.digests.posting import ChannelPacer


def test_the_clock_ticks_at_start_and_survives_a_failing_tick():
    calls: list[datetime] = []
    two = threading.Event()

    def tick(now: datetime) -> None:
        calls.append(now)
        if len(calls) == 2:
            two.set()
        raise RuntimeError("a broken tick must not stop the clock")

    sched = start(tick, every=1)
    try:
        assert two.wait(timeout=10)
    finally:
        sched.shutdown(wait=False)
    assert calls[0].tzinfo == UTC


def test_pacer_spaces_posts_in_one_channel_by_a_second_and_not_across_channels():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    pacer = ChannelPacer(sleep=sleep, clock=lambda: now[0])
    pacer.wait("C1")
    pacer.wait("C2")
    now[0] += 0.25
    pacer.wait("C1")
    assert slept == [0.75]
    now[0] += 5
    pacer.wait("C1")
    assert slept == [0.75]
