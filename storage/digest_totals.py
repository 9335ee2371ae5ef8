"""The digest's totals read once and shared: the open deals per stage, owner and currency,
and the window's closes per owner and currency (the metrics, the standings and a report's
lines all sum these rows). All filter by team_id through `where` or `team_id`."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage.digest_queries import Where, closes, summed_days
from storage.models import Deal, Stage


def open_by_stage_owner(
    *, session: Session, where: Where, now: datetime
) -> list[tuple[int, str, str, int, int | None, float]]:
    """(stage id, owner, currency, deals, summed value, summed days in stage) of open deals:
    one read of the open deals serves the stage table (per_stage) and the owners' lines."""
    days = summed_days(session, now, col(Deal.stage_changed_at))
    q = (
        select(
            Deal.stage_id,
            Deal.owner_id,
            Deal.currency,
            func.count(),
            func.sum(Deal.value_minor),
            days,
        )
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(*where, Stage.kind == "open")
        .group_by(col(Deal.stage_id), col(Deal.owner_id), col(Deal.currency))
    )
    return [
        (s, o, c, n, None if v is None else int(v), float(d or 0))
        for s, o, c, n, v, d in session.execute(q)
    ]


def _summed(rows, key) -> list[tuple]:
    """(*key(row), deals, summed value or None, summed days) of open_by_stage_owner rows."""
    out: dict[tuple, list] = {}
    for row in rows:
        _sid, _owner, _cur, n, v, d = row
        t = out.setdefault(key(row), [0, None, 0.0])
        t[0], t[2] = t[0] + n, t[2] + d
        if v is not None:
            t[1] = v if t[1] is None else t[1] + v
    return [(*k, *t) for k, t in out.items()]


def per_stage(rows, stage_id: int | None = None) -> list[tuple[int, str, int, int | None, float]]:
    """(stage id, currency, deals, summed value, summed days) of open_by_stage_owner's rows
    (of one stage when given): the digest's stage table and bottleneck read these."""
    mine = [r for r in rows if stage_id is None or r[0] == stage_id]
    return _summed(mine, lambda r: (r[0], r[2]))


def per_owner(rows) -> list[tuple[str, str, int, int | None]]:
    """team_view_queries.open_by_owner's rows from open_by_stage_owner's."""
    return [(o, c, n, v) for o, c, n, v, _d in _summed(rows, lambda r: (r[1], r[2]))]


def closed_per_owner(
    *, session: Session, team_id: str, where: Where, start: datetime, end: datetime
) -> list[tuple[str, str, str, int, int, int | None, float]]:
    """closed_totals per owner too: (won or lost, owner, currency, deals, deals with a value,
    summed value, summed days from creation to close). The metrics and the standings read
    the same window's closes: one pass serves both (by_currency sums the owners back)."""
    c = closes(session, team_id, ["won", "lost"], start, end, note=False)
    days = summed_days(session, c.c.closed_at, col(Deal.created_at))
    q = (
        select(
            c.c.kind,
            Deal.owner_id,
            Deal.currency,
            func.count(),
            func.count(Deal.value_minor),
            func.sum(Deal.value_minor),
            days,
        )
        .select_from(Deal)
        .join(c, c.c.deal_id == Deal.id)
        .where(*where)
        .group_by(c.c.kind, col(Deal.owner_id), col(Deal.currency))
    )
    return [
        (k, o, cur, n, nv, None if v is None else int(v), float(dd or 0))
        for k, o, cur, n, nv, v, dd in session.execute(q)
    ]


def by_currency(
    rows: Sequence[tuple[str, str, str, int, int, int | None, float]],
) -> list[tuple[str, str, int, int, int | None, float]]:
    """closed_per_owner rows summed over the owners: closed_totals' rows."""
    out: dict[tuple[str, str], list] = {}
    for kind, _owner, cur, n, nv, v, dd in rows:
        t = out.setdefault((kind, cur), [0, 0, None, 0.0])
        t[0], t[1], t[3] = t[0] + n, t[1] + nv, t[3] + dd
        if v is not None:
            t[2] = v if t[2] is None else t[2] + v
    return [(k, cur, n, nv, v, dd) for (k, cur), (n, nv, v, dd) in sorted(out.items())]
