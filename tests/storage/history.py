"""Hand-built deal histories for the digest queries' tests: a deal, and its activities as
column dicts for import_queries.insert_activities (written in bulk, in any order, as an
import writes them)."""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, text, update
from sqlmodel import col

from storage import import_queries
from storage.models import Activity, Deal

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


def write_every_way(session, deal_ids: list[int], kinds: list[str], check, new_kind: str,
                    seed: int) -> list:
    """Random history of the deals, written every way a writer can, `check(session)` after
    each: an import's bulk insert (any order), the ORM one row and flush at a time (as the
    app writes), deletes, changed times, rows moved to another deal, and one row's kind
    changed to `new_kind`. Whole days, so that rows of a deal share a moment (ties go by id).
    What `check` returned each time."""
    rng = random.Random(seed)

    def rows(n: int) -> list[dict]:
        return [activity(rng.choice(deal_ids), rng.randint(0, 30), rng.choice(kinds))
                for _ in range(n)]

    import_queries.insert_activities(session=session, rows=rows(60))
    seen = [check(session)]
    for r in rows(15):
        session.add(Activity(**r))
        session.flush()
    seen.append(check(session))
    ids = session.scalars(select(Activity.id).order_by(Activity.id)).all()
    gone = rng.sample(ids, 12)
    session.execute(delete(Activity).where(col(Activity.id).in_(gone)))
    seen.append(check(session))
    kept = [i for i in ids if i not in gone]
    for row_id in rng.sample(kept, 10):
        session.execute(update(Activity).where(col(Activity.id) == row_id)
                        .values(at=NOW - rng.randint(0, 30) * DAY))
    seen.append(check(session))
    moved = rng.sample(kept, 5)
    session.execute(update(Activity).where(col(Activity.id).in_(moved))
                    .values(deal_id=deal_ids[0]))
    session.execute(update(Activity).where(col(Activity.id) == moved[0]).values(kind=new_kind))
    seen.append(check(session))
    return seen


def insert_old_history(conn, history: list[tuple[int, str]]) -> None:
    """For a database at an older migration (no models then): workspace T1, one open stage,
    deal D1 created 50 days before NOW, and its activities (days ago, kind), each from that
    stage, written newest first as an import may write them, in plain SQL."""
    conn.execute(text(
        "INSERT INTO workspace (team_id, name, currency, pipeline_template, created_at) "
        "VALUES ('T1', '', 'USD', 'generic', CURRENT_TIMESTAMP)"))
    conn.execute(text(
        "INSERT INTO stage (team_id, key, name, position, probability, kind, active) "
        "VALUES ('T1', 'prospect', 'Prospect identified', 0, 10, 'open', true)"))
    conn.execute(text(
        "INSERT INTO deal (team_id, number, name, currency, stage_id, owner_id, "
        "created_by, created_at, updated_at, stage_changed_at, version) VALUES "
        f"('T1', 1, 'D1', 'USD', (SELECT id FROM stage), 'U1', 'U1', "
        f"{ts(conn, NOW - 50 * DAY)}, {ts(conn, NOW)}, {ts(conn, NOW)}, 1)"))
    for ago, kind in reversed(history):
        conn.execute(text(
            "INSERT INTO activity (team_id, deal_id, actor_id, at, kind, from_stage_id) "
            f"VALUES ('T1', (SELECT id FROM deal), 'U1', {ts(conn, NOW - ago * DAY)}, "
            f"'{kind}', (SELECT id FROM stage))"))


def ts(conn, when: datetime) -> str:
    """A timestamp literal as each database stores UTCDateTime."""
    if conn.dialect.name == "sqlite":
        return f"'{when.replace(tzinfo=None).isoformat(' ', 'microseconds')}'"
    return f"'{when.isoformat(' ', 'microseconds')}'::timestamptz"
