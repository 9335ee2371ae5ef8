"""The count of requests being answered, and the outbox's wait for a gap."""

import threading

from bot.runtime.answering import Answering


def test_no_request_means_no_wait():
    assert Answering(max_wait=5).wait_gap() is True


def test_the_gap_comes_when_the_last_request_is_answered():
    answering, released = Answering(max_wait=5), threading.Event()
    with answering.request(), answering.request():
        waiter = threading.Thread(target=lambda: released.set() if answering.wait_gap() else 0)
        waiter.start()
        assert not released.wait(0.1)
    waiter.join(5)
    assert released.is_set()


def test_a_wait_ends_after_max_wait_even_with_requests_going_on():
    answering = Answering(max_wait=0.05)
    with answering.request():
        assert answering.wait_gap() is False


def test_a_request_just_answered_keeps_the_gap_shut_for_the_quiet_period():
    answering = Answering(max_wait=0.05, quiet=10)
    with answering.request():
        pass
    assert answering.wait_gap() is False  # the next click may follow at once
    assert Answering(max_wait=5, quiet=0).wait_gap() is True
