"""What changes hand on to their deals' first outbox rows is kept in bounded memory."""

from bot.runtime.handoffs import Handoffs


def test_what_was_handed_on_is_taken_once():
    kept = Handoffs()
    kept.keep({7: "card of #7"})
    assert kept.take(7) == "card of #7"
    assert kept.take(7) is None  # the deal's later rows read what they need
    assert kept.take(None) is None  # a row of no deal (a digest)


def test_past_its_size_the_oldest_are_dropped_first():
    kept = Handoffs(size=2)
    kept.keep({1: "a"})
    kept.keep({2: "b", 3: "c"})
    assert [kept.take(n) for n in (1, 2, 3)] == [None, "b", "c"]
