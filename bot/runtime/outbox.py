"""The outbox deliverer: sends what changes wrote to the outbox, exactly once.

Rows are written in the same transaction as the change they belong to. The deliverer
claims due rows (right after a commit when kicked, and on every clock tick for anything
left over, so a restart delivers what a crash left), hands each to the sender for its
kind, and records the sender's result in the transaction that marks the row done.

What it never does is send a non-idempotent call twice blindly: a row whose send may
have reached Slack (a dropped connection, a timeout, a lease that ran out in a crash)
comes back `uncertain`, and its sender looks for the message it tagged before posting
again. A 429 waits out Retry-After; a channel that refuses us pauses its rows.
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.client import HTTPException

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.runtime import logs
from storage import outbox_queries as queue
from storage.db import read_scope, session_scope
from storage.models import Outbox
from storage.types import utcnow

log = logging.getLogger("dealbot.outbox")

# Slack's answers that mean "not in this channel, not now": the channel's rows wait.
CHANNEL_REFUSES = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
# Slack's answers that mean "not with this token": the app was uninstalled (its rows wait
# while the team is paused) or the token was replaced; the row is tried again later.
TOKEN_GONE = frozenset({"token_revoked", "token_expired", "invalid_auth", "account_inactive"})
# The call may or may not have reached Slack (URLError, timeouts, resets are OSErrors).
UNCERTAIN = (OSError, HTTPException)
MAX_ATTEMPTS = 8


@dataclass
class Sent:
    """What a sender did: the message ts, and what to record with the row's completion."""

    ts: str | None = None
    record: Callable[[Session], None] | None = None


class Paused(Exception):
    """A sender's word that the row's channel refuses us (already told to whoever must know)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


Sender = Callable[[WebClient, Outbox], Sent]
OnPause = Callable[[Session, Outbox, str], None]


def backoff(attempts: int) -> timedelta:
    """How long an uncertain or failing row waits: 2, 4, 8 … seconds, at most 5 minutes."""
    return timedelta(seconds=min(300, 2 ** max(1, attempts)))


def retry_after(error: SlackApiError) -> int:
    """Seconds Slack asked us to wait (Retry-After), 1 at least."""
    headers = getattr(error.response, "headers", None) or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), "1")
    value = value[0] if isinstance(value, list) else value
    return max(1, int(value)) if str(value).isdigit() else 1


class Deliverer:
    """Claims due rows and sends them on a small bounded pool of its own."""

    def __init__(
        self,
        client_for: Callable[[str], WebClient],
        senders: dict[str, Sender],
        *,
        on_pause: OnPause | None = None,
        workers: int = 4,
        batch: int = 16,
        lease: timedelta = timedelta(seconds=120),
        clock: Callable[[], datetime] = utcnow,
        gap: Callable[[], object] = lambda: None,
    ) -> None:
        self.client_for, self.senders, self.on_pause = client_for, senders, on_pause
        self.gap = gap  # waits for a moment when no request is being answered
        self.batch, self.lease, self.clock = batch, lease, clock
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dealbot-outbox")
        self._loop = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dealbot-deliver")
        self._state = threading.Condition()
        self._running = self._again = False
        self._direct = 0  # rows taken in their own transaction, being sent
        self._closed = False

    def before_commit(self, session: Session) -> None:
        """A commit hook: take what this unit of work wrote that can go out at once."""
        if session.info.get("outbox_new"):
            session.info["outbox_taken"] = queue.take_new(
                session=session, now=self.clock(), lease=self.lease
            )

    def after_commit(self, session: Session) -> None:
        """A commit hook: send the rows taken at once; kick for any other rows written."""
        wrote = session.info.pop("outbox", False)
        new = session.info.pop("outbox_new", [])
        taken = session.info.pop("outbox_taken", [])
        for row in taken:
            self._start(row)
        followed = {row.deal_id for row in taken}
        # Rows this unit took are sent now, and its deals' later rows follow them; anything
        # else written (a row of another deal, a digest, a coalesced update) is kicked for.
        if wrote and (not new or any(deal_id not in followed for _, deal_id in new)):
            self.kick()

    def _start(self, row: Outbox) -> None:
        with self._state:
            if self._closed:
                return  # its lease runs out and the next start sends it
            self._direct += 1
        self._pool.submit(self._direct_chain, row)

    def _direct_chain(self, row: Outbox) -> None:
        try:
            self.deliver_chain(row)
        except Exception:
            log.exception("outbox delivery failed")
        finally:
            with self._state:
                self._direct -= 1
                self._state.notify_all()

    def kick(self) -> None:
        """Deliver soon, on the deliverer's own thread; kicks while it runs fold into one."""
        with self._state:
            if self._closed:
                return
            if self._running:
                self._again = True
                return
            self._running = True
        self._loop.submit(self._run)

    def _run(self) -> None:
        try:
            while True:
                with self._state:
                    self._again = False
                self.deliver_due()
                with self._state:
                    if not self._again:
                        self._running = False
                        self._state.notify_all()
                        return
        except Exception:
            log.exception("outbox delivery failed")
            with self._state:
                self._running = False
                self._state.notify_all()

    def due_now(self) -> bool:
        """Whether rows are waiting that are due now (rows held by a 429 or backoff wait)."""
        with read_scope() as s:
            return queue.due(session=s, now=self.clock()) > 0

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until no delivery runs (True) or the timeout passes (False)."""
        with self._state:
            return self._state.wait_for(
                lambda: not self._running and not self._direct, timeout=timeout
            )

    def close(self, timeout: float = 10.0) -> bool:
        """Finish the delivery under way, take no more; True if it finished in time."""
        idle = self.wait_idle(timeout)
        with self._state:
            self._closed = True
        self._loop.shutdown(wait=idle)
        self._pool.shutdown(wait=idle)
        return idle

    def deliver_due(self) -> int:
        """Send every row due now, batch by batch; how many rows were handled."""
        handled = 0
        while True:
            with session_scope() as s:
                rows = queue.claim(session=s, now=self.clock(), limit=self.batch, lease=self.lease)
            handled += sum(self._pool.map(self.deliver_chain, rows))
            if len(rows) < self.batch:  # anything written since was kicked for
                return handled

    def deliver_chain(self, row: Outbox) -> int:
        """Send a claimed row, then its deal's next rows in order while each is due (taken
        in the transaction that finishes the one before); how many rows were sent."""
        sent = 0
        while row is not None:
            row = self.deliver(row)
            sent += 1
        return sent

    def deliver(self, row: Outbox) -> Outbox | None:
        """Send one claimed row and record how it went; its deal's next row, if taken."""
        logs.bind(team=row.team_id, outbox_id=row.id)  # this thread's lines name the row
        sender = self.senders.get(row.kind)
        if sender is None:
            self._end(row, "failed", f"no sender for {row.kind}")
            return
        self.gap()  # requests first (bot/runtime/answering.py)
        try:
            sent = sender(self.client_for(row.team_id), row)
        except Paused as p:
            self._pause(row, p.error)
        except SlackApiError as e:
            self._refused(row, e)
        except UNCERTAIN as e:
            log.warning(
                "outbox %s (%s): outcome unknown (%s); will look before resending",
                row.id,
                row.kind,
                type(e).__name__,
            )
            self._later(row, uncertain=True, error=type(e).__name__)
        except Exception as e:  # a bug or a database fault: retried a few times, then kept
            log.exception("outbox %s (%s) failed", row.id, row.kind)
            if row.attempts >= MAX_ATTEMPTS:
                self._end(row, "failed", type(e).__name__)
            else:
                self._later(row, uncertain=row.uncertain, error=type(e).__name__)
        else:
            with session_scope() as s:
                if sent.record is not None:
                    sent.record(s)
                if queue.finish(session=s, row_id=row.id, result_ts=sent.ts):
                    return queue.claim_next(
                        session=s, after=row, now=self.clock(), lease=self.lease
                    )
        return None

    def _refused(self, row: Outbox, e: SlackApiError) -> None:
        error = str(e.response.get("error", "")) if e.response is not None else ""
        status = getattr(e.response, "status_code", 200)
        if status == 429 or error == "ratelimited":
            wait = retry_after(e)
            with session_scope() as s:
                queue.later(
                    session=s,
                    row_id=row.id,
                    due_at=self.clock() + timedelta(seconds=wait),
                    uncertain=row.uncertain,
                    error="ratelimited",
                )
        elif error in CHANNEL_REFUSES and row.channel_id:
            self._pause(row, error)
        elif error in TOKEN_GONE:  # uninstalled under way: the team is paused, or reinstalled
            log.warning("outbox %s (%s): the team's token was refused (%s); it waits",
                        row.id, row.kind, error)
            self._later(row, uncertain=row.uncertain, error=error)
        else:
            log.warning("outbox %s (%s) refused by Slack: %s", row.id, row.kind, error)
            self._end(row, "failed", error or "slack_error")

    def _pause(self, row: Outbox, error: str) -> None:
        log.info(
            "outbox %s (%s): channel %s refuses (%s); its rows wait",
            row.id,
            row.kind,
            row.channel_id,
            error,
        )
        with session_scope() as s:
            queue.give_up(session=s, row_id=row.id, status="paused", error=error)
            if row.channel_id:
                queue.pause_channel(
                    session=s, team_id=row.team_id, channel_id=row.channel_id, error=error
                )
            if self.on_pause is not None:
                self.on_pause(s, row, error)

    def _later(self, row: Outbox, *, uncertain: bool, error: str) -> None:
        with session_scope() as s:
            queue.later(
                session=s,
                row_id=row.id,
                due_at=self.clock() + backoff(row.attempts),
                uncertain=uncertain,
                error=error,
            )

    def _end(self, row: Outbox, status: str, error: str) -> None:
        with session_scope() as s:
            queue.give_up(session=s, row_id=row.id, status=status, error=error)
