"""Digest subscriptions: one per channel, filters, runs claimed once, what 'since' means."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.common.errors import InvalidInput, StageNotFound
from bot.digests import subscriptions as subs
from bot.digests.digest import Filters, Snapshot
from bot.workspaces.service import ensure_workspace
from storage.models import DigestRun
from tests.words import refused

T, ANN = "T0TEST", "U0ANN"
C = "C0SALES"
WED_NOON = datetime(2026, 1, 14, 12, tzinfo=UTC)
THU_0900_HEL = datetime(2026, 1, 15, 7, tzinfo=UTC)


def daily(s, channel=C, at_time="09:00", tz="Europe/Helsinki"):
    sub = subs.subscribe(session=s, team_id=T, channel=channel, actor=ANN, cadence="daily",
                         weekday=None, at_time=at_time, tz=tz)
    sub.created_at = WED_NOON  # as if set up on Wednesday
    return sub


def test_one_subscription_per_channel_changed_in_place_and_stopped(session):
    first = daily(session)
    again = subs.subscribe(session=session, team_id=T, channel=C, actor=ANN, cadence="weekly",
                           weekday=0, at_time="08:30", tz="America/New_York")
    assert again.id == first.id and subs.describe(again) == "weekly mon 08:30 America/New_York"
    assert subs.for_channel(session=session, team_id="T0OTHER", channel=C) is None
    assert subs.stop(session=session, team_id=T, channel=C) is True
    assert subs.stop(session=session, team_id=T, channel=C) is False


def test_filters_need_a_subscription_and_a_known_stage(session):
    with refused(InvalidInput, "This channel has no digest yet"):
        subs.set_filter(session=session, team_id=T, channel=C, kind="owner", value=ANN)
    daily(session)
    subs.set_filter(session=session, team_id=T, channel=C, kind="stage", value="proposal")
    sub = subs.set_filter(session=session, team_id=T, channel=C, kind="min", value=2_000_000)
    assert subs.filters_of(sub) == Filters(stage_key="proposal", min_value_minor=2_000_000)
    assert subs.filters_of(None) == Filters()
    with pytest.raises(StageNotFound):
        subs.set_filter(session=session, team_id=T, channel=C, kind="stage", value="nowhere")


def test_a_run_is_claimed_once_at_its_local_time(session):
    sub = daily(session)
    assert subs.claim_due(session=session, now=THU_0900_HEL - timedelta(minutes=1)) == []
    [claim] = subs.claim_due(session=session, now=THU_0900_HEL)
    assert (claim.subscription.id, claim.due.local_date) == (sub.id, date(2026, 1, 15))
    assert subs.claim_due(session=session, now=THU_0900_HEL + timedelta(minutes=1)) == []


def test_since_the_last_posted_digest_with_its_numbers(session):
    sub = daily(session)
    since, previous = subs.since_and_previous(session, sub, THU_0900_HEL)
    assert (since, previous) == (THU_0900_HEL - timedelta(days=1), None)
    [claim] = subs.claim_due(session=session, now=THU_0900_HEL)
    snap = Snapshot(THU_0900_HEL, 3, {"USD": 100}, {"USD": 5})
    subs.posted(session=session, run_id=claim.run_id, ts="1.2", late=False, snapshot=snap)
    session.flush()
    since, previous = subs.since_and_previous(session, sub, THU_0900_HEL + timedelta(days=1))
    assert since == session.get(DigestRun, claim.run_id).posted_at and previous == snap
    bare_since, _ = subs.since_and_previous(session, None, THU_0900_HEL)  # a channel without one
    assert bare_since == THU_0900_HEL - timedelta(days=1)


def test_a_failed_run_pauses_only_when_the_channel_is_the_problem(session):
    daily(session)
    [claim] = subs.claim_due(session=session, now=THU_0900_HEL)
    sub = subs.failed(session=session, run_id=claim.run_id, error="ratelimited", pause=False)
    assert sub.active
    sub = subs.failed(session=session, run_id=claim.run_id, error="is_archived", pause=True)
    assert (sub.active, sub.paused_reason) == (False, "is_archived")


def test_a_channel_digest_applies_its_filters(session):
    daily(session)
    subs.set_filter(session=session, team_id=T, channel=C, kind="owner", value=ANN)
    d = subs.channel_digest(session=session, team_id=T, channel=C, now=THU_0900_HEL)
    assert d.filters == Filters(owner=ANN) and d.since == THU_0900_HEL - timedelta(days=1)
    bare = subs.channel_digest(session=session, team_id=T, channel="C0OTHER", now=THU_0900_HEL)
    assert bare.filters == Filters()


def test_the_only_workspace_is_found_when_there_is_exactly_one(session):
    assert subs.only_workspace(session=session) is None
    ensure_workspace(session=session, team_id=T)
    assert subs.only_workspace(session=session) == T
    ensure_workspace(session=session, team_id="T0OTHER")
    assert subs.only_workspace(session=session) is None
