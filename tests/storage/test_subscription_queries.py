"""Subscription and run queries: the newest posted run, a day's nudges, the workspaces."""

from datetime import UTC, date, datetime

from storage import subscription_queries as sq
from storage.models import DigestRun, DigestSubscription, NudgeRun, Workspace

T = "T0TEST"
AT = datetime(2026, 1, 15, 7, tzinfo=UTC)


def test_the_last_posted_run_skips_runs_not_posted(session):
    session.add(Workspace(team_id=T))
    session.flush()
    sub = DigestSubscription(team_id=T, channel_id="C1", cadence="daily", at_time="09:00",
                             tz="UTC", created_by="U1")
    session.add(sub)
    session.flush()
    assert sq.last_posted_run(session=session, subscription_id=sub.id) is None
    session.add_all([
        DigestRun(subscription_id=sub.id, local_date=date(2026, 1, 13), due_at=AT, posted_at=AT),
        DigestRun(subscription_id=sub.id, local_date=date(2026, 1, 14), due_at=AT, posted_at=AT),
        DigestRun(subscription_id=sub.id, local_date=date(2026, 1, 15), due_at=AT),  # claimed
    ])
    session.flush()
    run = sq.last_posted_run(session=session, subscription_id=sub.id)
    assert run.local_date == date(2026, 1, 14)
    assert sq.subscription_for_channel(session=session, team_id=T, channel="C1").id == sub.id
    assert sq.subscription_for_channel(session=session, team_id="T0OTHER", channel="C1") is None
    assert [s.id for s in sq.active_subscriptions(session=session)] == [sub.id]


def test_nudges_of_a_day_and_the_workspaces(session):
    session.add_all([Workspace(team_id=T), Workspace(team_id="T0TWO"), Workspace(team_id="T0X")])
    session.flush()
    session.add(NudgeRun(team_id=T, user_id="U1", local_date=date(2026, 1, 15)))
    session.flush()
    assert sq.nudged_on(session=session, team_id=T, day=date(2026, 1, 15))
    assert not sq.nudged_on(session=session, team_id=T, day=date(2026, 1, 16))
    assert not sq.nudged_on(session=session, team_id="T0TWO", day=date(2026, 1, 15))
    assert len(sq.team_ids(session=session, limit=2)) == 2
