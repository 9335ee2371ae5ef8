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


def test_stop_lets_a_running_tick_finish_within_the_timeout():
    from bot.runtime.clock import stop

    running, release, finished = threading.Event(), threading.Event(), []

    def tick(_now: datetime) -> None:
        running.set()
        release.wait(10)
        finished.append(True)

    sched = start(tick, every=60)
    assert running.wait(10)
    threading.Timer(0.2, release.set).start()
    assert stop(sched, 10) is True
    assert finished == [True]  # stop waited for it
    assert not sched.running


def test_stop_gives_up_on_a_tick_still_running_at_the_deadline():
    from bot.runtime.clock import stop

    running, release = threading.Event(), threading.Event()

    def tick(_now: datetime) -> None:
        running.set()
        release.wait(10)

    sched = start(tick, every=60)
    assert running.wait(10)
    try:
        assert stop(sched, 0.05) is False
    finally:
        release.set()
