"""A listener's unit of work, with Slack asked who is an admin before it, never in it."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TypeVar

from sqlmodel import Session

from bot.teams import access
from storage.db import session_scope

T = TypeVar("T")


def one_unit(
    work: Callable[[Session], T],
    scope: Callable[[], AbstractContextManager[Session]] = session_scope,
) -> T:
    """work(session) in one unit of work (`scope`: storage.db.read_scope for one that only
    reads); when a check in it needs Slack's word, the unit is rolled back, Slack asked,
    and it runs again (access.asking_first)."""

    def unit() -> T:
        with scope() as s:
            return work(s)

    return access.asking_first(unit)
