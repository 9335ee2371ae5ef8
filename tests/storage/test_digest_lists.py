"""The digest's counted lists and its settings, by hand: more quiet deals and slipped deals
than a list shows (the count is of all, the list the first in order, ties by number), and
the settings a digest runs under end with it. The slipped deals: PostgreSQL counts over the
rows unsorted and then picks the first (digest_lists._counted), SQLite counts and sorts at
once. The quiet deals: a count per stage and each stage's first entries merged
(digest_lists.stale). Both databases must give these."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from bot.workspaces.service import ensure_workspace
from storage import digest_lists as dl
from storage import digest_queries as dq
from storage import queries
from storage.models import Activity, Deal

T, ANN = "T0TEST", "U0ANN"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
DAY = timedelta(days=1)

# number -> (days since created, no activity since; value in minor units or None)
QUIET = {
    1: (40, 100),
    2: (10, 500),
    3: (30, None),
    4: (30, 300),
    5: (50, 200),
    6: (35, 100),
    7: (31, 900),
    8: (3, 100),
}


def _deals(session) -> dict[int, Deal]:
    ensure_workspace(session=session, team_id=T)
    stage = queries.all_stages(session=session, team_id=T)[0]
    deals = {}
    for number, (ago, value) in QUIET.items():
        deals[number] = Deal(
            team_id=T,
            number=number,
            name=f"Deal {number}",
            value_minor=value,
            stage_id=stage.id,
            owner_id=ANN,
            created_by=ANN,
            created_at=NOW - ago * DAY,
            close_date=date(2026, 6, 1),
        )
        session.add(deals[number])
    session.flush()
    return deals


def test_quiet_deals_are_all_counted_and_the_quietest_listed(session):
    deals = _deals(session)
    stage_id = deals[1].stage_id
    count, first = dl.stale(
        session=session,
        where=dq.scope(T),
        cutoffs={stage_id: NOW - 20 * DAY},
        today=NOW.date(),
        limit=3,
    )
    # Quiet 20 days or more: 5 (50), 1 (40), 6 (35), 7 (31), 3 and 4 (30, by number).
    assert count == 6
    assert [d.number for d, _since in first] == [5, 1, 6]
    # Quiet 30 days or more: the same six; 3 and 4 tie, 3 is listed first (by number).
    count, first = dl.stale(
        session=session,
        where=dq.scope(T),
        cutoffs={stage_id: NOW - 30 * DAY},
        today=NOW.date(),
        limit=5,
    )
    assert (count, [d.number for d, _since in first]) == (6, [5, 1, 6, 7, 3])


def test_slipped_deals_are_all_counted_and_the_biggest_listed(session):
    deals = _deals(session)
    for number in (1, 2, 3, 6, 7):  # close dates pushed later today
        session.add(
            Activity(
                team_id=T,
                deal_id=deals[number].id,
                actor_id=ANN,
                at=NOW - DAY / 2,
                kind="close",
                from_value="2026-03-01",
                to_value="2026-06-01",
            )
        )
    session.flush()
    count, first = dl.slipped(
        session=session,
        team_id=T,
        where=dq.scope(T),
        start=NOW - DAY,
        end=NOW,
        today=NOW.date(),
        since_day=NOW.date() - DAY,
        limit=3,
    )
    # By value, the biggest first, no value last: 7 (900), 2 (500), then 1 and 6 (100, by
    # number); 3 has none.
    assert (count, [d.number for (d,) in first]) == (5, [7, 2, 1])


def test_the_digest_settings_end_with_the_digest(session):
    sqlite = session.get_bind().dialect.name == "sqlite"
    read = "PRAGMA cache_size" if sqlite else "SHOW work_mem"
    before = session.scalar(text(read))
    with dl.digest_settings(session):
        during = session.scalar(text(read))
    after = session.scalar(text(read))
    if sqlite:  # its own page cache, as any other unit of work
        assert during == after == before
    else:  # SET LOCAL: for the digest's transaction
        assert (during, session.scalar(text("SHOW jit"))) == ("32MB", "off")
        session.commit()
        assert session.scalar(text(read)) == before != "32MB"


def test_quiet_deals_of_several_stages_are_counted_and_merged_quietest_first(session):
    """Each stage's own cutoff, more quiet deals in a stage than the list shows, the same
    moment in two stages (by number), snoozed, archived and another team's deals: the count
    is of all, and the list the quietest of all the stages together."""
    ensure_workspace(session=session, team_id=T)
    ensure_workspace(session=session, team_id="T0OTHER")
    stages = [s for s in queries.all_stages(session=session, team_id=T) if s.kind == "open"][:3]
    cutoffs = {stages[0].id: NOW - 10 * DAY, stages[1].id: NOW - 20 * DAY,
               stages[2].id: NOW - 10 * DAY}
    rows = []  # (number, stage, days quiet, snoozed until, archived, team)
    for n in range(1, 41):
        stage = stages[n % 3]
        snoozed = date(2026, 3, 9) if n % 7 == 0 else date(2026, 3, 2) if n % 5 == 0 else None
        rows.append((n, stage, 5 + (n * 7) % 25, snoozed, n % 13 == 0, T))
    rows.append((41, stages[0], 60, None, False, "T0OTHER"))
    for n, stage, quiet, snoozed, archived, team in rows:
        deal_stage = stage if team == T else queries.all_stages(session=session,
                                                                 team_id=team)[0]
        session.add(Deal(team_id=team, number=n, name=f"Deal {n}", stage_id=deal_stage.id,
                         owner_id=ANN, created_by=ANN, created_at=NOW - quiet * DAY,
                         snoozed_until=snoozed, archived_at=NOW if archived else None))
    session.flush()
    want = sorted(
        (NOW - quiet * DAY, n) for n, stage, quiet, snoozed, archived, team in rows
        if team == T and not archived and NOW - quiet * DAY <= cutoffs[stage.id]
        and (snoozed is None or snoozed <= NOW.date())
    )
    # Lists that end inside a tie: the one with the lower number is listed.
    cuts = [k for k in range(1, len(want)) if want[k - 1][0] == want[k][0]]
    assert len(want) > 12 and cuts
    for limit in (1, 5, 12, *cuts):
        count, first = dl.stale(session=session, where=dq.scope(T), cutoffs=cutoffs,
                                today=NOW.date(), limit=limit)
        assert count == len(want)
        assert [(since, d.number) for d, since in first] == want[:limit]
