"""What an outbox sender gets and gives back (the deliverer is bot/runtime/outbox.py): the
row to send, a client; Sent (what it did, what to record with the row's completion) or
Paused; and what the change that wrote the row handed on to it (handed)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from slack_sdk import WebClient
from sqlmodel import Session

from storage.models import Outbox


@dataclass
class Sent:
    """What a sender did: the message ts, and what to record with the row's completion."""

    ts: str | None = None
    record: Callable[[Session], None] | None = None


_HANDED: ContextVar[object] = ContextVar("dealbot_outbox_handed", default=None)


def handed() -> object:
    """For a sender: for a deal's first row taken as its change committed, what the change
    handed on (hand_on), which is what is stored; None when the row was not taken that
    way."""
    return _HANDED.get()


def hand_on(session: Session, deal_id: int, what: object) -> None:
    """Hand `what` (as the change just wrote it) to the deal's first row, once this unit
    of work commits, if this process sends that row (bot/runtime/handoffs.py); a row sent
    elsewhere reads what it needs."""
    session.info.setdefault(_HANDED_ON, {})[deal_id] = what


_HANDED_ON = "outbox_handed_on"


def handed_on(session: Session) -> dict[int, object]:
    """For the deliverer, once the unit of work committed: what it handed on, by deal id."""
    return session.info.pop(_HANDED_ON, {})


@contextmanager
def handing(known: object) -> Iterator[None]:
    """For the deliverer: what handed() gives the sender it calls within."""
    token = _HANDED.set(known)
    try:
        yield
    finally:
        _HANDED.reset(token)


class Paused(Exception):
    """A sender's word that the row's channel refuses us (already told to whoever must know)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


Sender = Callable[[WebClient, Outbox], Sent]
