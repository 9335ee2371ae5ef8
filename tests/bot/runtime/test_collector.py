"""The server freezes what startup made out of the garbage collector's full passes, and
still collects what requests leave behind (bench/gc_pause.py measures the pause)."""

import gc
import weakref

from bot.runtime.collector import freeze_startup_objects


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_startup_objects_are_frozen_and_later_garbage_is_still_collected():
    kept_from_startup = Node()
    try:
        freeze_startup_objects()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept_from_startup for o in gc.get_objects())  # out of every pass
        later = Node()
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
