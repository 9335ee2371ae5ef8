"""after_ack: the request's runner takes the work; outside a request it runs at once."""

import threading

from bot.runtime.answering import after_ack, answered, answering
from bot.runtime.executor import WorkPool


def test_outside_a_request_the_work_runs_at_once():
    done = []
    after_ack(lambda: done.append(1))
    assert done == [1]


def test_while_answering_the_runner_takes_the_work_and_then_no_longer():
    handed, done = [], []
    token = answering(handed.append)
    try:
        after_ack(lambda: done.append(1))
    finally:
        answered(token)
    assert len(handed) == 1 and done == []
    after_ack(lambda: done.append(2))
    assert done == [2] and len(handed) == 1


def test_a_full_pool_queues_nothing_and_the_caller_runs_what_it_must():
    pool = WorkPool(max_workers=1)
    release, ran_on = threading.Event(), []
    assert pool.try_submit(release.wait, 5) is not None
    assert pool.free() == 0
    assert pool.try_submit(print) is None
    pool.submit(lambda: ran_on.append(threading.current_thread()))
    assert ran_on == [threading.current_thread()]  # the caller ran it: nothing waited in memory
    release.set()
    assert pool.wait_idle(5) and pool.free() == 1
    pool.shutdown()
