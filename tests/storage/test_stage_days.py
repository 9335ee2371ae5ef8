"""Time in stage (metric_queries.stage_days), counted by hand: a deal moved back and forth, a
deal won, reopened and lost, a deal without moves, older history without stage ids, a close
after a close with no reopening between, two rows at the same moment. Each move's entry is
looked up in its deal's rows, on both databases: both must give these.
"""

from bot.workspaces.service import ensure_workspace
from storage import import_queries, queries
from storage import metric_queries as mq
from tests.storage.history import DAY, NOW, T, activity, add_deal

START = NOW - 90 * DAY

# Per deal: (days ago, kind, stage left, stage entered), stages as "0", "1", "2" (open, in
# pipeline order), "won", "lost"; "~0" is stage 0 by its name only (no stage id).
TIMELINES = {
    # 0 for 20 days, 1 for 10, 0 again for 20, 1 again for 20 (won from 1).
    "Back and forth": [
        (80, "created", None, "0"),
        (60, "moved", "0", "1"),
        (50, "moved", "1", "0"),
        (30, "moved", "0", "1"),
        (10, "won", "1", "won"),
        (5, "note", None, None),
    ],
    # Won from 0 before the window (not counted), reopened into 1, lost 30 days later.
    "Reopened": [
        (120, "created", None, "0"),
        (100, "won", "0", "won"),
        (70, "reopened", "won", "1"),
        (55, "note", None, None),
        (40, "lost", "1", "lost"),
    ],
    "No moves": [(20, "created", None, "0"), (3, "note", None, None)],
    # Older history: stages by name only; 0 for 20 days.
    "Old rows": [(45, "created", None, "~0"), (25, "moved", "~0", "1")],
    # Entered 1 before the window, left it in the window: 10 days.
    "Long ago": [(200, "created", None, "0"), (95, "moved", "0", "1"), (85, "moved", "1", "2")],
    # 0 for 20 days, won; then lost without a reopening: the loss counts from the last entry
    # (created), not from the win: "won" for 30 days.
    "Won then lost": [
        (60, "created", None, "0"),
        (40, "won", "0", "won"),
        (30, "lost", "won", "lost"),
    ],
}
SAME_MOMENT = "Same moment"  # created and moved out of 0 at the same time: 0 days in 0

# By hand, per stage left in the window: (days each stay lasted).
EXPECTED = {
    "0": [20, 20, 20, 0, 20],  # back and forth twice, old rows (by name), same moment, won
    "1": [10, 20, 30, 10],  # back and forth twice, reopened, long ago
    "won": [30],  # won then lost
}


def _stage_rows(session) -> dict[str, object]:
    stages = queries.all_stages(session=session, team_id=T)
    opens = [s for s in stages if s.kind == "open"]
    by_key = {str(i): s for i, s in enumerate(opens)}
    by_key.update({s.kind: s for s in stages if s.kind in ("won", "lost")})
    return by_key


def _activity(deal_id: int, ago: float, kind: str, frm, to, stages) -> dict:
    def stage(key):
        s = None if key is None else stages[key.lstrip("~")]
        return None if s is None else (s.name, None if key.startswith("~") else s.id)

    return activity(deal_id, ago, kind, stage(frm), stage(to))


def _deal(session, number: int, name: str, stages) -> int:
    return add_deal(session, number, name, stages["0"].id, created_ago=200)


def test_time_in_stage_counts_each_stay_from_the_entry_before_it(session):
    ensure_workspace(session=session, team_id=T)
    stages = _stage_rows(session)
    rows = []
    for n, (name, timeline) in enumerate(TIMELINES.items(), start=1):
        deal_id = _deal(session, n, name, stages)
        rows += [_activity(deal_id, *event, stages) for event in timeline]
    rows.reverse()  # written newest first: the entry is found in time order, not id order
    same = _deal(session, len(TIMELINES) + 1, SAME_MOMENT, stages)
    rows += [
        _activity(same, 15, "created", None, "0", stages),  # the smaller id: first
        _activity(same, 15, "moved", "0", "1", stages),
    ]
    import_queries.insert_activities(session=session, rows=rows)

    got = mq.stage_days(session=session, team_id=T, start=START, end=NOW)

    want = {stages[k].name: (sum(d) / len(d), len(d)) for k, d in EXPECTED.items()}
    assert {s: (round(d, 9), n) for s, (d, n) in got.items()} == want
    assert want == {
        stages["0"].name: (16.0, 5),
        stages["1"].name: (17.5, 4),
        stages["won"].name: (30.0, 1),
    }


def test_a_stay_left_after_the_period_or_entered_after_it_does_not_count(session):
    ensure_workspace(session=session, team_id=T)
    stages = _stage_rows(session)
    deal_id = _deal(session, 1, "Later", stages)
    rows = [
        _activity(deal_id, 100, "created", None, "0", stages),
        _activity(deal_id, 2, "moved", "0", "1", stages),
    ]
    import_queries.insert_activities(session=session, rows=rows)

    before = mq.stage_days(session=session, team_id=T, start=START, end=NOW - 5 * DAY)
    now = mq.stage_days(session=session, team_id=T, start=START, end=NOW)

    assert before == {}
    assert now == {stages["0"].name: (98.0, 1)}
