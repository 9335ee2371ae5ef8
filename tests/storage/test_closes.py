"""The deals closed in a period and not reopened since (digest_queries.closes), by hand: a win
reopened, a loss reopened and won, a win then a loss with no reopening between, a close and
a reopening at the same moment (the row written later is the later one), a close before the
period. PostgreSQL reads each deal's newest close (DISTINCT ON) and SQLite numbers each
deal's closes newest first (a window): both must keep these, with the note or without it.
"""

from sqlalchemy import select

from bot.workspaces.service import ensure_workspace
from storage import digest_queries as dq
from storage import import_queries, queries
from tests.storage.history import DAY, NOW, T, activity, add_deal

START = NOW - 30 * DAY

# Per deal: (days ago, kind), written in this order (ids ascending).
TIMELINES = {
    "Won, reopened": [(20, "won"), (10, "reopened")],
    "Lost, reopened, won": [(25, "lost"), (20, "reopened"), (5, "won")],
    "Won then lost": [(15, "won"), (12, "lost")],
    "Closed and reopened at once": [(8, "won"), (8, "reopened")],
    "Reopened and closed at once": [(9, "reopened"), (9, "lost")],
    "Won before the period": [(40, "won"), (3, "note")],
    "Won just now": [(1, "won")],
}
WANT = {  # deal name -> (kind, days ago) of the close that counts
    "Lost, reopened, won": ("won", 5),
    "Won then lost": ("lost", 12),
    "Reopened and closed at once": ("lost", 9),
    "Won just now": ("won", 1),
}


def _history(session) -> dict[int, str]:
    ensure_workspace(session=session, team_id=T)
    stage = queries.all_stages(session=session, team_id=T)[0]
    names, rows = {}, []
    for n, (name, timeline) in enumerate(TIMELINES.items(), start=1):
        deal_id = add_deal(session, n, name, stage.id, created_ago=60)
        names[deal_id] = name
        rows += [activity(deal_id, ago, kind) for ago, kind in timeline]
    import_queries.insert_activities(session=session, rows=rows)
    return names


def _closed(session, names, kinds, note: bool = True) -> dict[str, tuple[str, float]]:
    c = dq.closes(session, T, kinds, START, NOW, note=note)
    return {
        names[d]: (k, round((NOW - at) / DAY, 6)) for d, k, at, *_note in session.execute(select(c))
    }


def test_a_deal_counts_by_its_newest_close_in_the_period(session):
    names = _history(session)

    assert _closed(session, names, ["won", "lost"]) == WANT
    assert _closed(session, names, ["won", "lost"], note=False) == WANT
    lost = {n: v for n, v in WANT.items() if v[0] == "lost"}
    assert _closed(session, names, ["lost"]) == lost
    assert _closed(session, names, ["lost"], note=False) == lost
