"""What a send's outcome does to its outbox row: done, later, paused or failed.

A 429 waits out Retry-After; an unknown outcome (a dropped connection, a timeout) and a
fault of ours wait a growing backoff, the row marked uncertain so its sender looks before
it posts again; a channel that refuses us pauses the channel's rows; anything else Slack
refuses for good ends the row as failed.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from http.client import HTTPException

from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from storage import outbox_queries as queue
from storage.db import session_scope
from storage.models import Outbox

log = logging.getLogger("dealbot.outbox")

# Slack's answers that mean "not in this channel, not now": the channel's rows wait.
CHANNEL_REFUSES = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
# Slack's answers that mean "not with this token": the app was uninstalled (its rows wait
# while the team is paused) or the token was replaced; the row is tried again later.
TOKEN_GONE = frozenset({"token_revoked", "token_expired", "invalid_auth", "account_inactive"})
# The call may or may not have reached Slack (URLError, timeouts, resets are OSErrors).
UNCERTAIN = (OSError, HTTPException)
MAX_ATTEMPTS = 8


def backoff(attempts: int) -> timedelta:
    """How long an uncertain or failing row waits: 2, 4, 8 … seconds, at most 5 minutes."""
    return timedelta(seconds=min(300, 2 ** max(1, attempts)))


def retry_after(error: SlackApiError) -> int:
    """Seconds Slack asked us to wait (Retry-After), 1 at least."""
    headers = getattr(error.response, "headers", None) or {}
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), "1")
    value = value[0] if isinstance(value, list) else value
    return max(1, int(value)) if str(value).isdigit() else 1


OnPause = Callable[[Session, Outbox, str], None]


class Outcomes:
    """The Deliverer's way of recording how a send went (its clock and on_pause)."""

    clock: Callable[[], datetime]
    on_pause: OnPause | None

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
