"""What a pipeline digest says: every number computed in SQL, bounded lists, no Slack here."""

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.common.money import Money
from bot.digests.metrics import Metrics, bottleneck, metrics
from bot.workspaces.service import ensure_workspace
from storage import digest_queries as dq
from storage import queries
from storage.models import Deal, Stage

STALE_DAYS_DEFAULT = 14  # a stage without its own limit flags deals quiet for longer than this
LIST_MAX = 5  # deals listed per section; the rest are counted
PROSPECTING_MIN = 3  # fewer deals than this in the first stage asks for more prospecting


@dataclass(frozen=True)
class Filters:
    """Which deals a digest counts: by owner, current stage key, and value in minor units."""

    owner: str | None = None
    stage_key: str | None = None
    min_value_minor: int | None = None


@dataclass(frozen=True)
class Snapshot:
    """The headline numbers of a digest, kept to say what changed by the next one."""

    taken_at: datetime
    open_count: int
    open_value: dict[str, int]  # currency -> minor units
    weighted: dict[str, int]

    def to_json(self) -> str:
        """The snapshot as a JSON string."""
        return json.dumps({**asdict(self), "taken_at": self.taken_at.isoformat()})

    @classmethod
    def from_json(cls, text: str) -> "Snapshot":
        """A snapshot read back from to_json()."""
        d = json.loads(text)
        return cls(**{**d, "taken_at": datetime.fromisoformat(d["taken_at"])})


@dataclass(frozen=True)
class DealLine:
    """One deal in a digest list."""

    number: int
    name: str
    owner_id: str
    value: Money | None
    detail: str | None = None  # a stage move, a loss reason, a close date
    days: int | None = None  # days quiet, overdue or in stage


@dataclass(frozen=True)
class Listed:
    """The first deals of a list and how many there are in all."""

    count: int = 0
    items: list[DealLine] = field(default_factory=list)
    value: list[Money] = field(default_factory=list)  # their total per currency, when it counts


@dataclass(frozen=True)
class StageRow:
    """One open stage: its deals counted and totalled per currency."""

    key: str
    name: str
    count: int
    value: list[Money]
    weighted: list[Money]


@dataclass(frozen=True)
class Bottleneck:
    """The stage where open deals now sit longest compared with the team's usual time there."""

    stage: str
    now_days: float
    usual_days: float
    deals: list[DealLine]


@dataclass(frozen=True)
class Change:
    """What moved in the headline since the previous digest."""

    since: datetime
    count: int
    value: list[Money]
    weighted: list[Money]


@dataclass
class Digest:
    """Everything one digest says, as of `now`, about what happened since `since`."""

    team_id: str
    now: datetime
    since: datetime
    filters: Filters
    currency: str
    open_count: int = 0
    open_value: list[Money] = field(default_factory=list)
    weighted: list[Money] = field(default_factory=list)
    previous: Snapshot | None = None
    stages: list[StageRow] = field(default_factory=list)
    prospecting_low: bool = False
    unknown_stage: bool = False
    new_leads: list[tuple[str | None, int]] = field(default_factory=list)
    moves: int = 0
    forward: int = 0
    notable: list[DealLine] = field(default_factory=list)
    won: Listed = field(default_factory=Listed)
    lost: Listed = field(default_factory=Listed)
    loss_reasons: list[tuple[str | None, int]] = field(default_factory=list)
    slipped: Listed = field(default_factory=Listed)
    stale: Listed = field(default_factory=Listed)
    overdue: Listed = field(default_factory=Listed)
    bottleneck: Bottleneck | None = None
    metrics: Metrics = field(default_factory=Metrics)

    def snapshot(self) -> Snapshot:
        """The headline numbers to store for the next digest."""
        return Snapshot(
            self.now,
            self.open_count,
            {m.currency: m.minor for m in self.open_value},
            {m.currency: m.minor for m in self.weighted},
        )

    @property
    def change(self) -> Change | None:
        """The headline's change since the previous digest, or None for the first one."""
        if self.previous is None:
            return None
        now = self.snapshot()
        return Change(
            self.previous.taken_at,
            self.open_count - self.previous.open_count,
            _deltas(now.open_value, self.previous.open_value),
            _deltas(now.weighted, self.previous.weighted),
        )


def _deltas(now: dict[str, int], before: dict[str, int]) -> list[Money]:
    """The change per currency, in the order of today's totals, then the currencies gone."""
    order = [*now, *sorted(set(before) - set(now))]
    return [
        Money(now.get(c, 0) - before.get(c, 0), c)
        for c in order
        if now.get(c, 0) != before.get(c, 0)
    ]


def _money(totals: dict[str, int], counts: dict[str, int]) -> list[Money]:
    """Money per currency, the currency with the most deals first."""
    return [Money(totals[c], c) for c in sorted(totals, key=lambda c: (-counts.get(c, 0), c))]


def _line(deal: Deal, detail: str | None = None, days: int | None = None) -> DealLine:
    value = None if deal.value_minor is None else Money(deal.value_minor, deal.currency)
    return DealLine(deal.number, deal.name, deal.owner_id, value, detail, days)


def _totals(rows, known: dict[int, Stage]) -> tuple[list[Money], list[Money]]:
    """Value and weighted value (rounded half up once per currency) of open_by_stage rows."""
    counts: dict[str, int] = defaultdict(int)
    values: dict[str, int] = defaultdict(int)
    weighted: dict[str, int] = defaultdict(int)
    for sid, cur, n, total, _days in rows:
        counts[cur] += n
        if total is not None:
            values[cur] += total
            weighted[cur] += total * known[sid].probability
    return _money(values, counts), _money({c: (w + 50) // 100 for c, w in weighted.items()}, counts)


def _pipeline(d: Digest, rows, known: dict[int, Stage], stage_filter: bool) -> None:
    """Headline and per-stage table from (stage, currency, deals, value, days) rows."""
    by_stage = defaultdict(list)
    for row in rows:
        by_stage[row[0]].append(row)
    d.open_count = sum(r[2] for r in rows)
    d.open_value, d.weighted = _totals(rows, known)
    shown = [s for s in known.values() if s.kind == "open" and (s.active or s.id in by_stage)]
    for s in sorted(shown, key=lambda s: (s.position, s.id)):
        if s.id in by_stage or not stage_filter:
            mine = by_stage[s.id]
            d.stages.append(StageRow(s.key, s.name, sum(r[2] for r in mine), *_totals(mine, known)))
    first = d.stages[:2]
    d.prospecting_low = (
        not stage_filter
        and bool(first)
        and (
            first[0].count < PROSPECTING_MIN or (len(first) > 1 and first[0].count < first[1].count)
        )
    )


def stale_cutoffs(stages: list[Stage], now: datetime) -> dict[int, datetime]:
    """Per open stage, the time before which a deal's last activity makes it stale."""
    return {
        s.id: now - timedelta(days=s.stale_days or STALE_DAYS_DEFAULT)
        for s in stages
        if s.kind == "open"
    }


def build_digest(
    *,
    session: Session,
    team_id: str,
    now: datetime,
    since: datetime,
    filters: Filters,
    previous: Snapshot | None,
    tz: str = "UTC",
) -> Digest:
    """The digest of the team's pipeline as of `now`, with what happened since `since`.

    Dates (overdue, slipped, snoozes) are the readers' dates, in the subscription's zone.
    """
    ws = ensure_workspace(session=session, team_id=team_id)
    stages = queries.all_stages(session=session, team_id=team_id)
    known = {s.id: s for s in stages}
    d = Digest(team_id, now, since, filters, ws.currency, previous=previous)
    stage_id = None
    if filters.stage_key is not None:
        match = next((s for s in stages if s.key == filters.stage_key), None)
        d.unknown_stage, stage_id = match is None, (match.id if match else -1)
    base = dict(owner=filters.owner, min_value=filters.min_value_minor)
    where = dq.scope(team_id, stage_id=stage_id, **base)
    period = dict(session=session, team_id=team_id, where=where, start=since, end=now)
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()

    rows = dq.open_by_stage(session=session, where=where, now=now)
    _pipeline(d, rows, known, stage_id is not None)
    d.new_leads = dq.new_leads(**period)
    d.moves, d.forward = dq.moves(**period)
    d.notable = [_line(x, f"{f} → {t}") for x, f, t in dq.forward_moves(**period, limit=LIST_MAX)]
    totals = dq.closed_totals(**period)
    for kind in ("won", "lost"):
        mine = [r for r in totals if r[0] == kind]
        listed = dq.closed_deals(kind=kind, **period, limit=LIST_MAX)
        value = _money({r[1]: r[4] for r in mine if r[4] is not None}, {r[1]: r[2] for r in mine})
        setattr(
            d, kind, Listed(sum(r[2] for r in mine), [_line(x, note) for x, note in listed], value)
        )
    d.loss_reasons = dq.loss_reasons(**period, limit=LIST_MAX)
    n, slipped = dq.slipped(
        **period, today=today, since_day=since.astimezone(zone).date(), limit=LIST_MAX
    )
    d.slipped = Listed(n, [_line(x, f"close {x.close_date}") for (x,) in slipped])

    cutoffs = stale_cutoffs(stages, now)
    n, quiet = dq.stale(session=session, where=where, cutoffs=cutoffs, today=today, limit=LIST_MAX)
    d.stale = Listed(n, [_line(x, known[x.stage_id].name, (now - t).days) for x, t in quiet])
    n, late = dq.overdue(session=session, where=where, today=today, limit=LIST_MAX)
    d.overdue = Listed(
        n, [_line(x, f"close {x.close_date}", (today - x.close_date).days) for (x,) in late]
    )
    found = bottleneck(
        session=session, team_id=team_id, where=where, now=now, rows=rows, known=known
    )
    if found:
        lines = [_line(x, days=(now - x.stage_changed_at).days) for x in found[3]]
        d.bottleneck = Bottleneck(*found[:3], lines)
    # A stage filter narrows the lists; the metrics are about how deals flow through stages.
    wide = dq.scope(team_id, stage_id=None, **base)
    open_count = (
        d.open_count
        if stage_id is None
        else sum(r[2] for r in dq.open_by_stage(session=session, where=wide, now=now))
    )
    d.metrics = metrics(
        session=session,
        team_id=team_id,
        where=wide,
        stages=stages,
        now=now,
        currency=ws.currency,
        open_count=open_count,
    )
    return d
