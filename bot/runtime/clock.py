"""The clock: APScheduler ticks every minute; what is due is claimed in the database."""

import logging
import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler

log = logging.getLogger("dealbot")
TICK_SECONDS = 60


def start(tick: Callable[[datetime], object], every: float = TICK_SECONDS) -> BackgroundScheduler:
    """Call tick(now) now and every `every` seconds in a background thread.

    Every replica ticks; the (subscription, local date) claim makes each run happen once.
    A tick missed while the process was busy is run once, not stacked (coalesce).
    """

    def job() -> None:
        try:
            tick(datetime.now(UTC))
        except Exception:  # the next tick must still come
            log.exception("scheduled tick failed")

    sched = BackgroundScheduler(timezone=UTC)
    sched.add_job(
        job,
        "interval",
        seconds=every,
        next_run_time=datetime.now(UTC),
        coalesce=True,
        max_instances=1,
        misfire_grace_time=math.ceil(every),  # APScheduler takes whole seconds
    )
    sched.start()
    return sched


def stop(sched: BaseScheduler | None, timeout: float) -> bool:
    """Stop the clock; a tick under way may finish (up to `timeout`). True if it did."""
    if sched is None or not sched.running:
        return True
    worker = threading.Thread(target=sched.shutdown, kwargs={"wait": True}, daemon=True)
    worker.start()
    worker.join(timeout)
    return not worker.is_alive()
