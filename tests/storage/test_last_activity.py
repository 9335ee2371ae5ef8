"""Quiet deals and stage durations come out the same whatever order history is written in:
by the app, by an import of old dates, with a delete, and after migration 0017's backfill.

The expected figures are worked out here from the timelines themselves (SQLite and PostgreSQL).
"""

import random
from itertools import pairwise

import pytest
from alembic import command
from sqlalchemy import delete, select, text
from sqlmodel import col

from bot.deals import quiet
from bot.workspaces.service import ensure_workspace
from storage import db, import_queries, queries
from storage import metric_queries as mq
from storage.models import Activity, Deal
from tests.storage.history import DAY, NOW, T, activity, add_deal, ts
from tests.storage.test_migrations import migrated_to

START = NOW - 90 * DAY  # the digest's window

# Per deal: (days ago, kind, from stage #, to stage #) of its history; stage # is the open
# stage's place in the pipeline. "Late" gets old rows after its newest one (an import).
TIMELINES = {
    "Quiet": [(60, "created", None, 0), (40, "moved", 0, 1), (30, "note", None, None),
              (20, "moved", 1, 2), (18, "note", None, None)],
    "Busy": [(50, "created", None, 0), (44, "moved", 0, 1), (5, "note", None, None)],
    "Late": [(3, "note", None, None), (100, "created", None, 0), (70, "note", None, None),
             (65, "moved", 0, 1)],
    "Old import": [(200, "created", None, 0), (120, "moved", 0, 1), (31, "note", None, None)],
}


def _stage(timeline) -> int:
    """The deal's open stage #: where its newest move (in time) took it."""
    return max((e for e in timeline if e[3] is not None), key=lambda e: -e[0])[3]


def _rows(session, opens) -> list[dict]:
    """The deals and their activities as column dicts."""

    def stage(number):
        return None if number is None else (opens[number].name, opens[number].id)

    rows = []
    for n, (name, timeline) in enumerate(TIMELINES.items(), start=1):
        created = max(e[0] for e in timeline)
        deal_id = add_deal(session, n, name, opens[_stage(timeline)].id, created_ago=created)
        rows += [activity(deal_id, ago, kind, stage(f), stage(t)) for ago, kind, f, t in timeline]
    return rows


def _expected_quiet(opens, timelines=TIMELINES) -> list[tuple[str, int]]:
    """(name, whole days quiet) of the deals quiet for more days than their stage allows,
    quietest first."""
    out = []
    for name, timeline in timelines.items():
        days = min(e[0] for e in timeline)  # the newest activity, in time
        if days > quiet.limit_days(opens[_stage(timeline)]):
            out.append((name, days))
    return sorted(out, key=lambda r: -r[1])


def _expected_stage_days(opens) -> dict[str, tuple[float, int]]:
    """Per stage left in the window: the mean days from entering it to leaving it."""
    spans: dict[str, list[int]] = {}
    for timeline in TIMELINES.values():
        moves = sorted((e for e in timeline if e[1] in ("created", "moved")), key=lambda e: -e[0])
        for entered, left in pairwise(moves):
            if NOW - left[0] * DAY >= START:
                spans.setdefault(opens[left[2]].name, []).append(entered[0] - left[0])
    return {s: (sum(d) / len(d), len(d)) for s, d in spans.items()}


def _found(session):
    count, rows = quiet.quiet_deals(session=session, team_id=T, now=NOW, today=NOW.date(),
                                    limit=10)
    return count, [(d.name, quiet.days_quiet(last, NOW)) for d, last in rows]


def _stage_days(session):
    got = mq.stage_days(session=session, team_id=T, start=START, end=NOW)
    return {s: (round(d, 6), n) for s, (d, n) in got.items()}


@pytest.mark.parametrize("order", ["as lived", "reversed", "shuffled", "one by one"])
def test_quiet_deals_and_stage_days_do_not_depend_on_the_order_history_is_written(
    session, order
):
    ensure_workspace(session=session, team_id=T)
    opens = [s for s in queries.all_stages(session=session, team_id=T) if s.kind == "open"]
    rows = _rows(session, opens)
    if order == "reversed":
        rows.reverse()
    if order == "shuffled":
        random.Random(15).shuffle(rows)
    if order == "one by one":  # the ORM, a flush each, as the app writes
        for r in rows:
            session.add(Activity(**r))
            session.flush()
    else:  # one Core executemany, as `dealbot import` writes history
        import_queries.insert_activities(session=session, rows=rows)
    want = {n: (round(d, 6), c) for n, (d, c) in _expected_stage_days(opens).items()}
    quiet_now = _expected_quiet(opens)
    assert [n for n, _ in quiet_now] == ["Old import", "Quiet"]  # the fixture says something
    assert _found(session) == (len(quiet_now), quiet_now)
    assert _stage_days(session) == want
    assert set(want) == {opens[0].name, opens[1].name}


def test_deleting_the_newest_activity_makes_the_deal_quiet_again(session):
    ensure_workspace(session=session, team_id=T)
    opens = [s for s in queries.all_stages(session=session, team_id=T) if s.kind == "open"]
    import_queries.insert_activities(session=session, rows=_rows(session, opens))
    busy = session.scalars(select(Deal).where(Deal.name == "Busy")).one()
    newest = select(Activity.id).where(Activity.deal_id == busy.id, Activity.kind == "note")
    session.execute(delete(Activity).where(col(Activity.id).in_(newest)))
    lived = {**TIMELINES, "Busy": [e for e in TIMELINES["Busy"] if e[1] != "note"]}
    want = _expected_quiet(opens, lived)
    assert ("Busy", 44) in want  # its move, 44 days ago, is now its newest
    assert _found(session) == (len(want), want)


@pytest.fixture
def at_0016(empty_database_url):
    """An empty database migrated up to 0016, before deal.last_activity_at."""
    yield from migrated_to(empty_database_url, "0016")


def test_0017_fills_each_deals_newest_activity_and_keeps_it_after(at_0016):
    engine, cfg = at_0016
    ats = [NOW - 9 * DAY, NOW - 2 * DAY, NOW - 30 * DAY]  # the newest in the middle
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO workspace (team_id, name, currency, pipeline_template, deal_seq, "
            "created_at) VALUES ('T1', '', 'USD', 'generic', 2, CURRENT_TIMESTAMP)"))
        conn.execute(text(
            "INSERT INTO stage (team_id, key, name, position, probability, kind, active) "
            "VALUES ('T1', 'prospect', 'Prospect identified', 0, 10, 'open', true)"))
        for n in (1, 2):
            conn.execute(text(
                "INSERT INTO deal (team_id, number, name, currency, stage_id, owner_id, "
                "created_by, created_at, updated_at, stage_changed_at, version) VALUES "
                f"('T1', {n}, 'D{n}', 'USD', (SELECT id FROM stage), 'U1', 'U1', "
                f"{ts(conn, NOW - 40 * DAY)}, {ts(conn, NOW)}, {ts(conn, NOW)}, 1)"))
        first = conn.execute(text("SELECT id FROM deal WHERE number = 1")).scalar_one()
        for when in ats:
            conn.execute(text(
                "INSERT INTO activity (team_id, deal_id, actor_id, at, kind) VALUES "
                f"('T1', {first}, 'U1', {ts(conn, when)}, 'note')"))
    command.upgrade(cfg, "0017")
    last = select(Deal.number, Deal.last_activity_at).order_by(col(Deal.number))
    with db.session_scope() as s:
        assert s.execute(last).all() == [(1, max(ats)), (2, None)]  # none: its creation counts
        count, rows = quiet.quiet_deals(session=s, team_id="T1", now=NOW, today=NOW.date(),
                                        limit=5)
        assert (count, [(d.number, t) for d, t in rows]) == (1, [(2, NOW - 40 * DAY)])
        older = {"team_id": "T1", "actor_id": "U1", "kind": "note", "from_value": None,
                 "to_value": None, "note": None}
        second = s.scalars(select(Deal.id).where(Deal.number == 2)).one()
        import_queries.insert_activities(session=s, rows=[
            {**older, "deal_id": first, "at": NOW - 50 * DAY},  # an old import: no change
            {**older, "deal_id": second, "at": NOW - 35 * DAY},
        ])
        assert s.execute(last).all() == [(1, max(ats)), (2, NOW - 35 * DAY)]
