"""The one quiet-deal rule: per stage, in whole days, snoozes honoured (SQLite and PostgreSQL)."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, update

from bot.deals import quiet
from bot.deals import service as deals
from storage import queries
from storage.models import Activity, Deal, Stage

T, ANN = "T0TEST", "U0ANN"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
TODAY = NOW.date()


def new(s, name, *, quiet_for=None, created=None):
    """A deal whose every activity is `quiet_for` old (and created `created` ago, if given)."""
    deal = deals.create(session=s, team_id=T, actor=ANN, name=name, amount=None).deal
    if quiet_for is not None:
        s.execute(update(Activity).where(Activity.deal_id == deal.id).values(at=NOW - quiet_for))
    if created is not None:
        s.execute(update(Deal).where(Deal.id == deal.id).values(created_at=NOW - created))
    return deal


def found(s, **kw):
    count, rows = quiet.quiet_deals(session=s, team_id=T, now=NOW, today=TODAY, limit=10, **kw)
    return count, [(d.name, quiet.days_quiet(last, NOW)) for d, last in rows]


def stage(s, key):
    return next(x for x in queries.all_stages(session=s, team_id=T) if x.key == key)


def test_more_whole_days_than_the_stage_allows_quietest_first(session):
    d = timedelta(days=1)
    new(session, "Edge", quiet_for=quiet.STALE_DAYS * d + timedelta(hours=23))
    new(session, "Just over", quiet_for=(quiet.STALE_DAYS + 1) * d)
    new(session, "Long gone", quiet_for=40 * d)
    new(session, "Busy", quiet_for=d)
    assert found(session) == (2, [("Long gone", 40), ("Just over", quiet.STALE_DAYS + 1)])


def test_a_stage_limit_replaces_the_default(session):
    new(session, "Ten days", quiet_for=timedelta(days=10))
    assert found(session) == (0, [])
    prospect = stage(session, "prospect")
    session.execute(update(Stage).where(Stage.id == prospect.id).values(stale_days=7))
    assert found(session) == (1, [("Ten days", 10)])
    assert quiet.limit_days(session.get(Stage, prospect.id)) == 7


def test_a_snooze_keeps_a_deal_off_until_it_ends(session):
    deal = new(session, "Snoozed", quiet_for=timedelta(days=30))
    session.execute(update(Deal).where(Deal.id == deal.id).values(snoozed_until=date(2026, 3, 3)))
    assert found(session) == (0, [])
    session.execute(update(Deal).where(Deal.id == deal.id).values(snoozed_until=TODAY))
    assert found(session) == (1, [("Snoozed", 30)])  # a snooze ending today is over


def test_without_activity_the_creation_counts(session):
    deal = new(session, "Imported", created=timedelta(days=20))
    session.execute(update(Activity).where(Activity.deal_id == deal.id).values(at=NOW))
    assert found(session) == (0, [])  # the newest activity wins over an old creation
    session.execute(delete(Activity).where(Activity.deal_id == deal.id))
    assert found(session) == (1, [("Imported", 20)])


def test_narrowed_to_some_deals_closed_stages_never_retired_ones_still(session):
    a = new(session, "A", quiet_for=timedelta(days=20))
    new(session, "B", quiet_for=timedelta(days=30))
    assert found(session, deal_ids=[a.id]) == (1, [("A", 20)])
    assert found(session, deal_ids=[]) == (0, [])
    won = stage(session, "won")
    session.execute(update(Deal).where(Deal.id == a.id).values(stage_id=won.id))
    assert found(session) == (1, [("B", 30)])
    retired = stage(session, "prospect")
    session.execute(update(Stage).where(Stage.id == retired.id).values(active=False))
    assert found(session) == (1, [("B", 30)])  # a retired stage's deals can still go quiet


def test_cutoffs_are_per_open_stage_a_day_past_the_limit():
    stages = [Stage(id=1, team_id=T, key="a", name="A", position=1, probability=5, kind="open",
                    stale_days=3),
              Stage(id=2, team_id=T, key="b", name="B", position=2, probability=5, kind="open"),
              Stage(id=3, team_id=T, key="w", name="Won", position=3, probability=100, kind="won")]
    assert quiet.cutoffs(stages, NOW) == {
        1: NOW - timedelta(days=4),
        2: NOW - timedelta(days=quiet.STALE_DAYS + 1),
    }
