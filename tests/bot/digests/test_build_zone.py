"""A digest's dates are its readers' dates, in the subscription's zone."""

from datetime import UTC, date, datetime, timedelta

from bot.deals import service as deals
from bot.digests.build import build_digest
from bot.digests.digest import Filters

T = "T0TEST"


def test_overdue_is_judged_on_the_local_date(session):
    v = deals.create(session=session, team_id=T, actor="U0ANN", name="Acme")
    v.deal.close_date = date(2026, 1, 14)
    session.add(v.deal)
    session.flush()
    now = datetime(2026, 1, 14, 23, tzinfo=UTC)  # Thursday 10:00 in Sydney, still Wednesday in UTC

    def overdue(tz: str) -> int:
        d = build_digest(session=session, team_id=T, now=now, since=now - timedelta(days=1),
                         filters=Filters(), previous=None, tz=tz)
        return d.overdue.count

    assert overdue("UTC") == 0
    assert overdue("Australia/Sydney") == 1
