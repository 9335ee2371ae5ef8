"""A listener's unit of work, with Slack asked who is an admin before it, never in it."""

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session

from bot.teams import access
from storage.db import session_scope

T = TypeVar("T")


def one_unit(work: Callable[[Session], T]) -> T:
    """work(session) in one unit of work; when a check in it needs Slack's word, the unit
    is rolled back, Slack asked, and it runs again (access.asking_first)."""

    def unit() -> T:
        with session_scope() as s:
            return work(s)

    return access.asking_first(unit)
