"""The Slack surface as one: the clock's jobs in order, and the last-resort error handler."""

from datetime import UTC, datetime

import handlers
from bot.common.errors import InvalidInput
from bot.runtime import front_door
from handlers.digests import posting
from handlers.followups import dms as reminders
from handlers.nudges import dms


def test_a_tick_claims_due_digests_then_due_nudges_then_forgets_old_requests(monkeypatch):
    calls = []
    now = datetime(2026, 1, 15, 7, tzinfo=UTC)
    monkeypatch.setattr(posting, "run_due", lambda at: calls.append(("digests", at)))
    monkeypatch.setattr(dms, "run_due", lambda at: calls.append(("nudges", at)))
    monkeypatch.setattr(reminders, "run_due", lambda at: calls.append(("reminders", at)))
    monkeypatch.setattr(front_door, "forget_old_requests", lambda at: calls.append(("seen", at)))
    handlers.jobs()(now)
    assert calls == [("digests", now), ("nudges", now), ("reminders", now), ("seen", now)]


def test_an_error_that_escaped_a_listener_is_told_ephemerally_when_it_can_be():
    said = []

    def respond(**kw):
        said.append(kw)

    handlers.on_error(InvalidInput("digest_none_here"), {"response_url": "https://x"}, respond)
    handlers.on_error(InvalidInput("digest_none_here"), {}, respond)  # nowhere to answer
    assert said == [{"text": "This channel has no digest yet: `/deal digest daily 09:00` first.",
                     "response_type": "ephemeral", "replace_original": False}]


def test_a_failing_respond_is_only_logged(caplog):
    def respond(**kw):
        raise RuntimeError("response_url expired")

    handlers.on_error(InvalidInput("digest_none_here"), {"response_url": "https://x"}, respond)
    assert "could not report an error to the user" in caplog.text
