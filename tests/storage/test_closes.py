"""The deals closed in a period and not reopened since (digest_queries.closes), by hand: a win
reopened, a loss reopened and won, a win then a loss with no reopening between, a close and
a reopening at the same moment (the row written later is the later one), a close before the
period. PostgreSQL reads each deal's newest close (DISTINCT ON) and SQLite numbers each
deal's closes newest first (a window): both must keep these, with the note or without it.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.workspaces.service import ensure_workspace
from storage import digest_queries as dq
from storage import import_queries, queries
from storage.models import Deal

T, ANN = "T0TEST", "U0ANN"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
DAY = timedelta(days=1)
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
        deal = Deal(
            team_id=T,
            number=n,
            name=name,
            stage_id=stage.id,
            owner_id=ANN,
            created_by=ANN,
            created_at=NOW - 60 * DAY,
        )
        session.add(deal)
        session.flush()
        names[deal.id] = name
        rows += [
            dict(
                team_id=T,
                deal_id=deal.id,
                actor_id=ANN,
                at=NOW - ago * DAY,
                kind=kind,
                from_value=None,
                to_value=None,
                from_stage_id=None,
                to_stage_id=None,
                note=None,
            )
            for ago, kind in timeline
        ]
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
