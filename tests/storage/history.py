"""Hand-built deal histories for the digest queries' tests: a deal, and its activities as
column dicts for import_queries.insert_activities (written in bulk, in any order, as an
import writes them)."""

from datetime import UTC, datetime, timedelta

from storage.models import Deal

T, ANN = "T0TEST", "U0ANN"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
DAY = timedelta(days=1)


def add_deal(session, number: int, name: str, stage_id: int, created_ago: float) -> int:
    """A deal of T owned by ANN, created `created_ago` days before NOW: its id."""
    deal = Deal(
        team_id=T,
        number=number,
        name=name,
        stage_id=stage_id,
        owner_id=ANN,
        created_by=ANN,
        created_at=NOW - created_ago * DAY,
    )
    session.add(deal)
    session.flush()
    return deal.id


def activity(deal_id: int, ago: float, kind: str, left=None, entered=None) -> dict:
    """ANN's activity on the deal `ago` days before NOW; `left` and `entered`: the stages
    moved from and to, as (name, id) pairs (id None: known by name only)."""
    (from_value, from_id), (to_value, to_id) = left or (None, None), entered or (None, None)
    return dict(
        team_id=T,
        deal_id=deal_id,
        actor_id=ANN,
        at=NOW - ago * DAY,
        kind=kind,
        from_value=from_value,
        to_value=to_value,
        from_stage_id=from_id,
        to_stage_id=to_id,
        note=None,
    )
