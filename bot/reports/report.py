"""A report over any period: the digest's metrics, won and lost values, per owner and per
stage. Data only, no Slack here.

Deals count by their current owner; a deal's close counts in the period of its latest
won/lost activity when it was not reopened after (the digest's definitions, see
bot/digests/metrics.py). Velocity uses the deals open at the end of the period.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session

from bot.common.money import Money, Rates
from bot.digests.metrics import Metrics, metrics
from bot.reports.period import Period
from bot.workspaces import currency as money_settings
from bot.workspaces.service import ensure_workspace
from storage import digest_queries as dq
from storage import digest_totals as totals
from storage import metric_queries as mq
from storage import queries
from storage import report_queries as rq


@dataclass(frozen=True)
class Closed:
    """Deals won or lost: how many, their value per currency, how many had no value."""

    count: int = 0
    value: list[Money] = field(default_factory=list)
    unknown: int = 0  # deals without a value


@dataclass(frozen=True)
class OwnerLine:
    """One owner's closes in the period."""

    owner_id: str
    won: Closed
    lost: Closed
    avg_size: list[Money]
    cycle_days: float | None

    @property
    def win_rate(self) -> float | None:
        """won / (won + lost), or None with nothing closed."""
        closed = self.won.count + self.lost.count
        return self.won.count / closed if closed else None


@dataclass(frozen=True)
class StageLine:
    """One open stage: deals created in the period that reached it and the next one, the
    average days deals spent in it (moves out in the period), deals lost from it."""

    name: str
    reached: int
    next_name: str | None
    reached_next: int
    days: float | None
    lost: int

    @property
    def conversion(self) -> float | None:
        """reached_next / reached, or None without a next stage or without deals."""
        return self.reached_next / self.reached if self.reached and self.next_name else None


@dataclass
class Report:
    """Everything a report says about one workspace over one period."""

    team_id: str
    period: Period
    currency: str
    metrics: Metrics
    won: Closed
    lost: Closed
    open_count: int
    owners: list[OwnerLine]
    stages: list[StageLine]
    rates: Rates


def _closed(rows, base: str) -> Closed:
    """From (currency, deals, valued, summed value) rows: the workspace currency first, then
    the currencies with the most deals."""
    counts: dict[str, int] = defaultdict(int)
    values: dict[str, int] = defaultdict(int)
    unknown = 0
    for cur, n, nv, v in rows:
        counts[cur] += n
        unknown += n - nv
        if v is not None and nv:
            values[cur] += v
    order = sorted(values, key=lambda c: (c != base, -counts[c], c))
    return Closed(sum(counts.values()), [Money(values[c], c) for c in order], unknown)


def _average(rows, base: str) -> list[Money]:
    """Mean won value per currency, rounded half up, from (currency, _, valued, value) rows."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for cur, _n, nv, v in rows:
        if nv and v is not None:
            per[cur][0] += v
            per[cur][1] += nv
    order = sorted(per, key=lambda c: (c != base, c))
    return [Money((2 * per[c][0] + per[c][1]) // (2 * per[c][1]), c) for c in order]


def _owners(rows, base: str) -> list[OwnerLine]:
    """Per owner, the most wins first, from totals.closed_per_owner rows."""
    by: dict[str, list] = defaultdict(list)
    for row in rows:
        by[row[1]].append(row)
    out = []
    for owner, mine in by.items():
        won = [(c, n, nv, v) for k, _, c, n, nv, v, _ in mine if k == "won"]
        lost = [(c, n, nv, v) for k, _, c, n, nv, v, _ in mine if k == "lost"]
        wins = sum(r[1] for r in won)
        days = sum(r[6] for r in mine if r[0] == "won")
        cycle = days / wins if wins else None
        line = OwnerLine(owner, _closed(won, base), _closed(lost, base), _average(won, base), cycle)
        out.append(line)
    return sorted(out, key=lambda o: (-o.won.count, o.lost.count, o.owner_id))


def build_report(*, session: Session, team_id: str, period: Period) -> Report:
    """The workspace's report over the period (archived deals count nowhere)."""
    ws = ensure_workspace(session=session, team_id=team_id)
    stages = queries.all_stages(session=session, team_id=team_id)
    rates = money_settings.rates(session=session, team_id=team_id)
    where = dq.scope(team_id)
    span = dict(session=session, team_id=team_id, where=where, start=period.start, end=period.end)
    open_count = rq.open_at(session=session, team_id=team_id, where=where, end=period.end)
    per_owner = totals.closed_per_owner(**span)  # the period's closes, read once for 3 uses
    m = metrics(
        session=session,
        team_id=team_id,
        where=where,
        stages=stages,
        now=period.end,
        currency=ws.currency,
        open_count=open_count,
        rates=rates,
        start=period.start,
        closed=per_owner,
    )
    closed = totals.by_currency(per_owner)
    days = mq.stage_days(session=session, team_id=team_id, start=period.start, end=period.end)
    lost_from = rq.lost_from_stage(**span)
    steps = {s.from_name: s for s in m.steps}
    lines = []
    for s in sorted(stages, key=lambda s: (s.position, s.id)):
        step = steps.get(s.name)
        if s.kind != "open" or not (s.active or step or s.name in days or s.name in lost_from):
            continue
        lines.append(
            StageLine(
                s.name,
                step.reached_from if step else _reached_last(m, s.name),
                step.to_name if step else None,
                step.reached_to if step else 0,
                days[s.name][0] if s.name in days else None,
                lost_from.get(s.name, 0),
            )
        )
    return Report(
        team_id,
        period,
        ws.currency,
        m,
        _closed([(c, n, nv, v) for k, c, n, nv, v, _ in closed if k == "won"], ws.currency),
        _closed([(c, n, nv, v) for k, c, n, nv, v, _ in closed if k == "lost"], ws.currency),
        open_count,
        _owners(per_owner, ws.currency),
        lines,
        rates,
    )


def _reached_last(m: Metrics, name: str) -> int:
    """The deals that reached the last open stage (the last step's far end)."""
    last = m.steps[-1] if m.steps else None
    return last.reached_to if last is not None and last.to_name == name else 0
