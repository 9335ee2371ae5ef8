"""A paused workspace: its subscriptions are not due and its outbox rows are not claimed;
resuming brings both back. Other workspaces never notice."""

from datetime import UTC, datetime, timedelta

from storage import install_queries as q
from storage import outbox_batch
from storage import outbox_queries as outbox
from storage import subscription_queries as sq
from storage.models import DigestSubscription, Workspace
from storage.outbox_claim import claim
from storage.types import utcnow

AT = datetime(2026, 1, 15, 7, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def _team(session, team):
    session.add(Workspace(team_id=team))
    session.flush()
    session.add(
        DigestSubscription(
            team_id=team,
            channel_id="C1",
            cadence="daily",
            at_time="09:00",
            tz="UTC",
            created_by="U1",
        )
    )
    outbox_batch.enqueue_one(session=session, team_id=team, kind="notice", channel_id="C1")
    session.flush()


def test_pausing_one_team_holds_its_schedules_and_rows_and_resuming_releases_them(session):
    _team(session, "T0ONE")
    _team(session, "T0TWO")
    assert q.pause(session=session, team_id="T0TWO", reason="app_uninstalled", at=AT)
    assert q.pause(session=session, team_id="T0TWO", reason="tokens_revoked", at=AT + LEASE)
    assert q.paused_at(session=session, team_id="T0TWO") == AT  # the first pause is kept
    assert [s.team_id for s in sq.active_subscriptions(session=session)] == ["T0ONE"]
    assert outbox.due(session=session, now=utcnow()) == 1
    claimed = claim(session=session, now=utcnow(), limit=10, lease=LEASE)
    assert [r.team_id for r in claimed] == ["T0ONE"]
    assert q.resume(session=session, team_id="T0TWO")
    assert not q.resume(session=session, team_id="T0TWO")  # it was no longer paused
    assert q.paused_at(session=session, team_id="T0TWO") is None
    assert sorted(s.team_id for s in sq.active_subscriptions(session=session)) == ["T0ONE", "T0TWO"]
    claimed = claim(session=session, now=utcnow(), limit=10, lease=LEASE)
    assert [r.team_id for r in claimed] == ["T0TWO"]


def test_a_team_that_never_used_dealbot_has_nothing_to_pause(session):
    assert not q.pause(session=session, team_id="T0NEW", reason="app_uninstalled", at=AT)
    assert q.paused_at(session=session, team_id="T0NEW") is None
