"""The outbox deliverer: sends what changes wrote to the outbox, exactly once.

Rows are written in the same transaction as the change they belong to. The deliverer
claims due rows (right after a commit when kicked, and on every clock tick for anything
left over, so a restart delivers what a crash left), hands each to the sender for its
kind, and records the sender's result in the transaction that marks the row done.

What it never does is send a non-idempotent call twice blindly: a row whose send may
have reached Slack (a dropped connection, a timeout, a lease that ran out in a crash)
comes back `uncertain`, and its sender looks for the message it tagged before posting
again. A 429 waits out Retry-After; a channel that refuses us pauses its rows
(bot/runtime/outbox_outcomes.py).

Sends share a bounded pool with the work that follows a request's answer
(bot/runtime/answering.py): a row is taken for sending only when a thread is free for
it, and otherwise waits in the database until the deliverer's loop claims it.
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.runtime import logs
from bot.runtime.answering import Work, answered, answering
from bot.runtime.executor import WorkPool
from bot.runtime.handoffs import Handoffs
from bot.runtime.outbox_outcomes import MAX_ATTEMPTS, UNCERTAIN, OnPause, Outcomes
from bot.runtime.sending import Paused, Sender, handed_on, handing
from storage import outbox_claim
from storage import outbox_queries as queue
from storage.db import read_scope, session_scope
from storage.models import Outbox
from storage.outbox_batch import Offer
from storage.types import utcnow

log = logging.getLogger("dealbot.outbox")


class Deliverer(Outcomes):
    """Claims due rows and sends them on a small bounded pool of its own (`sends`); the
    work that follows a request's answer runs on a second one (`pool`, which also runs
    Bolt's lazy listeners), so a form to open never waits behind a backlog of posts.

    Backpressure: a row is taken for sending only when a sending thread is free for it;
    otherwise it waits in the database, and the deliverer's loop claims it when one is.
    Nothing waits in memory but the rows being sent.
    """

    def __init__(
        self,
        client_for: Callable[[str], WebClient],
        senders: dict[str, Sender],
        *,
        on_pause: OnPause | None = None,
        pool: WorkPool | None = None,
        sending: int = 4,
        batch: int = 16,
        lease: timedelta = timedelta(seconds=120),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.client_for, self.senders, self.on_pause = client_for, senders, on_pause
        self.batch, self.lease, self.clock = batch, lease, clock
        self.pool, self._own_pool = pool or WorkPool(4), pool is None
        self.sends = WorkPool(sending)  # at most this many rows being sent at once
        self._loop = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dealbot-deliver")
        self._state = threading.Condition()
        self._running = self._again = False
        self._direct = 0  # tasks of ours on the pool: rows taken at commit, after-ack work
        self._held: list[Outbox] = []  # rows taken at commit that found the pool full
        self._handed = Handoffs()  # what changes handed on to their deals' first rows
        self._closed = False

    def before_commit(self, session: Session) -> None:
        """A commit hook: offer the pool's free sending threads to the rows this unit of
        work writes as it commits (storage/outbox_batch.enqueue_at_commit), which takes
        each deal's first row for sending at once when there is a thread for each deal
        (else the rows wait for the loop)."""
        if self._closed:
            return
        session.info["outbox_offer"] = Offer(
            free=self.sends.free(), now=self.clock(), lease=self.lease
        )

    def after_commit(self, session: Session) -> None:
        """A commit hook: send the rows taken at once; kick for any other rows written."""
        session.info.pop("outbox_offer", None)  # not taken up: nothing was staged
        wrote = session.info.pop("outbox", False)
        new = session.info.pop("outbox_new", [])
        taken = session.info.pop("outbox_taken", [])
        self._handed.keep(handed_on(session))
        for row in taken:
            self._start(row)
        followed = {row.deal_id for row in taken}
        # Rows this unit took are sent now, and its deals' later rows follow them; anything
        # else written (a row of another deal, a digest, a coalesced update) is kicked for.
        if wrote and (not new or any(deal_id not in followed for _, deal_id in new)):
            self.kick()

    def after_ack(self, work: Work) -> None:
        """Run a request's after-ack work on the pool; the caller runs it when the pool is
        full (the request waits rather than work piling up) or the deliverer is closed."""
        with self._state:
            closed = self._closed
            if not closed:
                self._direct += 1
        if closed:
            self._own(work)
            return
        if self.pool.try_submit(self._task, work) is None:
            self._task(work)

    def _start(self, row: Outbox) -> None:
        with self._state:
            if self._closed:
                return  # its lease runs out and the next start sends it
            self._direct += 1
        if self.sends.try_submit(self._task, lambda: self.deliver_chain(row)) is None:
            # The senders filled up since before_commit: the loop sends it when a thread is free.
            with self._state:
                self._held.append(row)
                self._direct -= 1
                self._state.notify_all()
            self.kick()

    def _task(self, work: Work) -> object:
        try:
            return self._own(work)
        finally:
            with self._state:
                self._direct -= 1
                self._state.notify_all()

    @staticmethod
    def _own(work: Work) -> object:
        """Run work of the deliverer's: its own after_ack calls run inline (a Home refresh
        sent for a row must be done when the row is marked sent)."""
        token = answering(None)
        try:
            return work()
        except Exception:
            log.exception("outbox delivery (or work after an answer) failed")
            return 0
        finally:
            answered(token)

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
                self._send_held()
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

    def _send_held(self) -> None:
        with self._state:
            held, self._held = self._held, []
        self._on_pool([lambda row=row: self.deliver_chain(row) for row in held])

    def _on_pool(self, works: list[Work]) -> int:
        """Send on the sending pool, waiting for a free thread for each; how many rows sent."""
        futures: list[Future] = []
        for work in works:
            self.sends.wait_free()
            futures.append(self.sends.submit(self._own, work))
        return sum(f.result() or 0 for f in futures)

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
        self.sends.shutdown(wait=idle)
        if self._own_pool:
            self.pool.shutdown(wait=idle)
        return idle

    def deliver_due(self) -> int:
        """Send every row due now, batch by batch, claiming no more rows than there are free
        sending threads (the rest wait in the database); how many rows were handled."""
        handled = 0
        while not self._closed:
            limit = min(self.batch, max(1, self.sends.wait_free()))
            with session_scope() as s:
                rows = outbox_claim.claim(
                    session=s, now=self.clock(), limit=limit, lease=self.lease
                )
            handled += self._on_pool([lambda row=row: self.deliver_chain(row) for row in rows])
            if len(rows) < limit:  # anything written since was kicked for
                return handled
        return handled

    def deliver_chain(self, row: Outbox) -> int:
        """Send a claimed row (with what its change handed on, if this process kept it:
        hand_on), then its deal's next rows in order while each is due (taken in the
        transaction that finishes the one before); how many rows were sent."""
        sent, known = 0, self._handed.take(row.deal_id)
        while row is not None:
            row, known = self._deliver(row, known), None
            sent += 1
        return sent

    def deliver(self, row: Outbox) -> Outbox | None:
        """Send one claimed row and record how it went; its deal's next row, if taken."""
        return self._deliver(row, None)

    def _deliver(self, row: Outbox, known: object) -> Outbox | None:
        """deliver(), the sender seeing `known` as handed()."""
        logs.bind(team=row.team_id, outbox_id=row.id)  # this thread's lines name the row
        sender = self.senders.get(row.kind)
        if sender is None:
            self._end(row, "failed", f"no sender for {row.kind}")
            return None
        try:
            with handing(known):
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
                _, following = queue.finish_and_take_next(
                    session=s, row=row, result_ts=sent.ts, now=self.clock(), lease=self.lease
                )
            return following
        return None
