"""Stopping gracefully on SIGTERM or SIGINT, one logged step at a time, within a deadline.

The order: stop taking new work (close the listening socket, or stop taking Socket Mode
requests), let requests already taken finish and be answered, stop the clock (a tick
under way finishes), finish the listeners' after-ack work and deliver what it wrote to
the outbox, then close the connection to Slack. Whatever the deadline cuts short stays in
the outbox and is delivered by the next process to start (it looks before resending).
"""

import logging
import signal
import threading
import time
from collections.abc import Callable

from apscheduler.schedulers.base import BaseScheduler
from slack_bolt import App

from bot.runtime.clock import stop as stop_clock
from bot.runtime.executor import WorkPool

log = logging.getLogger("dealbot")
GRACE_SECONDS = 25.0  # within Kubernetes' default 30 s; Docker's 10 s default needs --time


class Deadline:
    """Seconds left until a fixed moment."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.end - time.monotonic())


def on_signals(stop: Callable[[str], None]) -> threading.Event:
    """At the first SIGTERM or SIGINT, run stop(signal name) on a thread of its own; the
    Event returned is set when it has returned. A second signal is logged and ignored."""
    done, started = threading.Event(), threading.Event()

    def run(name: str) -> None:
        try:
            stop(name)
        except Exception:  # the process must still end
            log.exception("shutdown: a step failed")
        finally:
            done.set()

    def handler(signum, _frame) -> None:
        name = signal.Signals(signum).name
        if started.is_set():
            log.info("shutdown: %s again; already stopping", name)
            return
        started.set()
        threading.Thread(target=run, args=(name,), name="dealbot-shutdown").start()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handler)
    return done


def finish_work(app: App, pool: WorkPool, timeout: float) -> bool:
    """Let listeners finish their after-ack work and deliver what it wrote to the outbox,
    then close the outbox; True when all of it finished within `timeout`."""
    from bot.app import close, deliverer

    deadline, outbox = Deadline(timeout), deliverer(app)
    idle = False
    while deadline.left() > 0 and not idle:
        pool.wait_idle(deadline.left())
        outbox.kick()  # whatever a listener wrote since the last kick
        outbox.wait_idle(deadline.left())
        idle = pool.wait_idle(0) and outbox.wait_idle(0) and not outbox.due_now()
    pool.shutdown(wait=False, cancel_futures=False)
    return close(app, deadline.left()) and idle


def drain(
    *,
    app: App,
    pool: WorkPool,
    sched: BaseScheduler | None,
    stop_taking: Callable[[], None],
    finish_requests: Callable[[float], int],
    disconnect: Callable[[], None],
    grace: float = GRACE_SECONDS,
    reason: str = "SIGTERM",
) -> bool:
    """The shutdown steps, each logged; True when nothing was cut short."""
    deadline = Deadline(grace)
    log.info("shutdown (%s): no longer taking requests; finishing within %.0f s", reason, grace)
    stop_taking()
    busy = finish_requests(deadline.left())
    if busy:
        log.warning("shutdown: %d request(s) still running at the deadline", busy)
    else:
        log.info("shutdown: requests in flight are answered")
    if stop_clock(sched, deadline.left()):
        log.info("shutdown: clock stopped")
    else:
        log.warning("shutdown: the clock's tick was still running at the deadline")
    finished = finish_work(app, pool, deadline.left())
    if finished:
        log.info("shutdown: after-ack work done; the outbox is delivered")
    else:
        log.warning("shutdown: work left at the deadline stays in the outbox for the next start")
    disconnect()
    log.info("shutdown: stopped")
    return finished and not busy
