"""Nudges: quiet deals claimed once a day per owner at the digest's time; snoozes, guarded."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from bot.common.errors import InvalidInput, StaleDeal
from bot.deals import service as deals
from bot.digests import subscriptions as subs
from bot.nudges import service as nudges
from storage.models import Activity, Deal
from tests.words import refused

T, ANN, BOB = "T0TEST", "U0ANN", "U0BOB"
WED_NOON = datetime(2026, 1, 14, 12, tzinfo=UTC)
THU_0900_HEL = datetime(2026, 1, 15, 7, tzinfo=UTC)
TODAY = date(2026, 1, 15)


def new(s, name, owner=ANN, quiet_days=None):
    deal = deals.create(session=s, team_id=T, actor=owner, name=name, amount=None).deal
    if quiet_days is not None:
        then = THU_0900_HEL - timedelta(days=quiet_days)
        s.execute(update(Activity).where(Activity.deal_id == deal.id).values(at=then))
    return deal


def subscribe(s):
    sub = subs.subscribe(session=s, team_id=T, channel="C0SALES", actor=ANN, cadence="daily",
                         weekday=None, at_time="09:00", tz="Europe/Helsinki")
    sub.created_at = WED_NOON


def snooze(s, until, reason="budget opens in March", ref="1"):
    return nudges.snooze(session=s, team_id=T, actor=ANN, ref=ref, until=until, reason=reason,
                         today=TODAY)


def test_each_owner_with_quiet_deals_is_claimed_once_a_day(session):
    new(session, "Ann's quiet", quiet_days=20)
    new(session, "Bob's quiet", owner=BOB, quiet_days=30)
    new(session, "Busy")
    subscribe(session)
    assert nudges.claim_due(session=session, now=THU_0900_HEL - timedelta(minutes=1)) == []
    claimed = nudges.claim_due(session=session, now=THU_0900_HEL)
    got = {n.user_id: [d.name for d, _ in n.quiet] for n in claimed}
    assert got == {ANN: ["Ann's quiet"], BOB: ["Bob's quiet"]}
    assert {n.local_date for n in claimed} == {TODAY} and claimed[0].stages
    assert nudges.claim_due(session=session, now=THU_0900_HEL + timedelta(minutes=5)) == []


def test_no_subscription_no_nudges(session):
    new(session, "Quiet", quiet_days=20)
    assert nudges.claim_due(session=session, now=THU_0900_HEL) == []


def test_snooze_needs_a_later_day_and_a_reason(session):
    new(session, "Acme")
    with refused(InvalidInput, r"Snooze until a day after today \(2026-01-15\)"):
        snooze(session, TODAY)
    with refused(InvalidInput, "Say why the deal can wait"):
        snooze(session, date(2026, 2, 1), reason="   ")


def test_snooze_keeps_the_deal_off_the_nudges_and_records_why(session):
    deal = new(session, "Acme", quiet_days=20)
    version = deal.version
    v = snooze(session, date(2026, 2, 1))
    assert (v.deal.snoozed_until, v.deal.snooze_reason) == (
        date(2026, 2, 1), "budget opens in March")
    assert v.deal.version == version + 1
    assert (v.last.kind, v.last.to_value) == ("snoozed", "2026-02-01")
    assert nudges.quiet_deals(session, T, THU_0900_HEL, TODAY) == []


def test_a_snooze_racing_another_edit_is_refused_and_changes_nothing(session):
    deal = new(session, "Acme")
    # Someone else's edit lands between our read and our write: the row's version moves on.
    session.execute(
        update(Deal).where(Deal.id == deal.id).values(version=Deal.version + 1)
        .execution_options(synchronize_session=False)
    )
    with refused(StaleDeal, "#1 was changed by someone else at the same moment"):
        snooze(session, date(2026, 2, 1))
    session.refresh(deal)
    assert deal.snoozed_until is None
