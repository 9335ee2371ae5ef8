"""/deal report over a period, and /deal digest window for the scheduled digest, end to end on
a history with closes at known past dates (figures computed by hand in report_history)."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from bot.workspaces import currency as rates
from handlers.digests import posting as digests
from handlers.reports.blocks import terminal
from storage import db
from storage.models import Member
from tests.e2e.helpers import SALES, TEAM, text_of
from tests.e2e.report_history import figures, owner_line, seed, summary_lines, t

NOW = t(2026, 4, 10, 12)


def report(driver, period: str = "", user: str = "U0ANN", now: datetime | None = NOW) -> str:
    """What the user sees (plain text, to compare with the figures)."""
    if now is None:
        reply = driver.slash(f"report {period}".strip(), user=user)
    else:
        with time_machine.travel(now, tick=False):
            reply = driver.slash(f"report {period}".strip(), user=user)
    return terminal(text_of(reply.message).replace("\\n", "\n"))


def day_start(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def test_a_date_range_is_in_the_callers_zone_both_days_included(slack, driver):
    seed()
    for user, tz in (("U0ANN", "Europe/Helsinki"), ("U0BOB", "America/New_York")):
        shown = report(driver, "2026-01-01..2026-03-31", user)
        start, end = day_start(date(2026, 1, 1), tz), day_start(date(2026, 4, 1), tz)
        f = figures(start, end)
        assert f"Pipeline report · 2026-01-01 to 2026-03-31 (90 days, {tz})" in shown
        for line in summary_lines(f):
            assert line in shown, (user, line)
        for owner in ("U0ANN", "U0BOB", "U0CAT"):
            mine = figures(start, end, owner)
            if mine.won or mine.lost:
                assert owner_line(owner, mine) in shown
    # Helsinki's 2026-01-01 starts at 22:00 UTC the day before: Eta (23:59 UTC) is in it,
    # and Delta (03-31 23:59 UTC) is already April there; New York is the other way round.
    assert (
        figures(
            day_start(date(2026, 1, 1), "Europe/Helsinki"),
            day_start(date(2026, 4, 1), "Europe/Helsinki"),
        ).won
        == 4
    )


def test_the_last_n_days_and_the_quarter_to_date(slack, driver):
    seed()
    shown = report(driver, "30")  # the 30 x 24 hours up to now
    assert "Pipeline report · 2026-03-11 to now (30 days, Europe/Helsinki)" in shown
    for line in summary_lines(figures(NOW - timedelta(days=30), NOW)):
        assert line in shown
    assert "Win rate 33% (1 won, 2 lost)" in shown
    quarter = report(driver, "quarter")  # Q2 began at 00:00 in Helsinki: 03-31 21:00 UTC
    for line in summary_lines(figures(t(2026, 3, 31, 21), NOW)):
        assert line in quarter
    assert "Win rate 50% (1 won, 1 lost)" in quarter and "2026-04-01 to now" in quarter
    year = report(driver, "365")
    assert "Win rate 71% (5 won, 2 lost)" in year
    bare = report(driver)  # the workspace's digest window: 90 days
    for line in summary_lines(figures(NOW - timedelta(days=90), NOW)):
        assert line in bare


def test_the_report_is_shown_only_to_the_caller(slack, driver):
    seed()
    with time_machine.travel(NOW, tick=False):
        reply = driver.slash("report 365")
    assert "Pipeline report" in text_of(reply.message)
    assert slack.standin.messages(SALES) == []  # nothing posted in the channel
    assert "By stage" in text_of(reply.message) and "Lead qualified" in text_of(reply.message)


def test_a_bad_period_says_what_would_work_and_shows_nothing(slack, driver):
    cases = {
        "yesterday": "`yesterday` is not a period I know. Try `/deal report 30`",
        "2026-03-31..2026-01-01": "The period ends (2026-01-01) before it starts (2026-03-31)",
        "2026-02-30..2026-03-01": "`2026-02-30` is not a day; write it as YYYY-MM-DD",
        "0": "`0` days is not a period I can report on: give 1 to 3660 days.",
        "<!channel>": "`&lt;!channel&gt;` is not a period I know.",
    }
    for typed, said in cases.items():
        shown = text_of(driver.slash(f"report {typed}").message)
        assert said in shown, typed
        assert "Pipeline report" not in shown
    assert "/deal report 2026-01-01..2026-03-31" in text_of(driver.slash("report help").message)


def test_currencies_are_converted_at_the_rates_saying_so_or_kept_apart(slack, driver):
    driver.slash("new Euro deal €10k")
    driver.slash("new Dollar deal 5k")
    driver.slash("won 1")
    driver.slash("won 2")
    shown = report(driver, "30", now=None)
    assert "Won 2 · $5,000 + €10,000 (kept apart: no rate for EUR)" in shown
    with db.session_scope() as s:  # as `/deal rate EUR 1.10` does
        rates.set_rate(session=s, team_id=TEAM, actor="U0ANN", currency="EUR", rate=Decimal("1.10"))
    shown = report(driver, "30", now=None)
    assert "Won 2 · $5,000 + €10,000 (= $16,000 converted at your rates)" in shown


def subscribe(driver):
    with time_machine.travel(t(2026, 4, 9, 12), tick=False):
        driver.slash("digest daily 09:00 Europe/Helsinki")


def tick(slack, now):
    with time_machine.travel(now, tick=False):
        digests.run_due(now)
        slack.settle()


def metrics_of(post) -> str:
    return terminal(text_of(post).replace("\\n", "\n"))


def test_the_digest_window_sets_the_scheduled_digests_period(slack, driver):
    seed()
    subscribe(driver)
    first = t(2026, 4, 10, 6)  # 09:00 in Helsinki
    tick(slack, first)
    f = figures(first - timedelta(days=90), first)
    [post] = [m for m in slack.standin.messages(SALES) if "Pipeline digest" in text_of(m)]
    shown = metrics_of(post)
    assert "Last 90 days" in shown and f"Win rate {f.rate} ({f.won} won, {f.lost} lost)" in shown
    refused = text_of(driver.slash("digest window 30", user="U0CAT").message)
    assert "Only an admin can change the digest window" in refused  # a workspace setting
    with db.session_scope() as s:  # ann is a named admin (as `/deal team admin @ann` makes her)
        s.add(Member(team_id=TEAM, user_id="U0ANN", role="admin", set_by="U0ANN"))
    with time_machine.travel(t(2026, 4, 10, 12), tick=False):
        reply = driver.slash("digest window 30")
    assert "cover the last 30 days (were 90)" in text_of(reply.message)
    assert "cover the last 30 days, in every channel" in text_of(
        driver.slash("digest window").message
    )
    second = t(2026, 4, 11, 6)
    tick(slack, second)
    posts = [m for m in slack.standin.messages(SALES) if "Pipeline digest" in text_of(m)]
    shown = metrics_of(posts[-1])
    g = figures(second - timedelta(days=30), second)
    assert (g.won, g.lost) != (f.won, f.lost)
    assert "Last 30 days" in shown and f"Win rate {g.rate} ({g.won} won, {g.lost} lost)" in shown
    refused = text_of(driver.slash("digest window forever").message)
    assert "`forever` is not a number of days: give 1 to 3660" in refused
