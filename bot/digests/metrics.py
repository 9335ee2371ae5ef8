"""Pipeline metrics over a rolling window, aggregated in SQL.

Definitions (the README quotes them). The window is [now - WINDOW_DAYS, now); a deal is
*closed in the window* when its latest won/lost activity falls in it and it was not
reopened after.

- Win rate: won / (won + lost) of the deals closed in the window.
- Average deal size: the mean value of the deals won in the window, per currency
  (deals without a value are left out).
- Sales cycle: the mean days from a won deal's creation to its win, over the window's wins.
- Conversion from stage i to stage i+1: of the deals created in the window whose furthest
  stage (any created/moved/reopened/won activity up to now) is at or past stage i, the
  share whose furthest stage is at or past stage i+1 (a win is past every open stage; a
  deal that skips a stage passed it).
- Qualification rate: of the deals created in the window, the share that reached the
  stage keyed `qualified` (or a later one) or got a BANT verdict of SQL.
- Sales velocity: open deals x win rate x average won deal size / sales cycle in days:
  expected revenue per day, in the workspace currency. Wins in other currencies are
  converted at the workspace's rates (`/deal rate`); a currency without a rate is left
  out of the average size and named (its amounts are never added as they are).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise

from sqlmodel import Session

from bot.common.money import Money, Rates
from storage import digest_queries as dq
from storage import digest_totals as totals
from storage import metric_queries as mq
from storage.models import Deal, Stage

WINDOW_DAYS = 90
BOTTLENECK_MIN_MOVES = 3  # moves out of a stage needed before its usual time means anything
BOTTLENECK_DEALS = 3  # the deals longest in the bottleneck stage, named with their owners
QUALIFIED_KEY = "qualified"


@dataclass(frozen=True)
class Step:
    """Conversion from one open stage to the next."""

    from_name: str
    to_name: str
    reached_from: int
    reached_to: int

    @property
    def rate(self) -> float | None:
        """reached_to / reached_from, or None when no deal reached the first stage."""
        return self.reached_to / self.reached_from if self.reached_from else None


@dataclass(frozen=True)
class Metrics:
    """Rolling-window metrics of the deals a digest counts."""

    window_days: int = WINDOW_DAYS
    won: int = 0
    lost: int = 0
    avg_size: list[Money] = field(default_factory=list)
    cycle_days: float | None = None
    steps: list[Step] = field(default_factory=list)
    created: int = 0
    qualified: int = 0
    velocity: Money | None = None
    velocity_converted: bool = False  # wins in other currencies were converted at the rates
    velocity_left_out: list[str] = field(default_factory=list)  # currencies without a rate

    @property
    def win_rate(self) -> float | None:
        """won / (won + lost), or None with nothing closed."""
        return self.won / (self.won + self.lost) if self.won + self.lost else None

    @property
    def qualification_rate(self) -> float | None:
        """qualified / created, or None with nothing created."""
        return self.qualified / self.created if self.created else None


def stage_days(*, session: Session, team_id: str, now: datetime) -> dict[str, tuple[float, int]]:
    """Stage name -> (average days deals spent in it, deals) over the window's moves out."""
    start = now - timedelta(days=WINDOW_DAYS)
    return mq.stage_days(session=session, team_id=team_id, start=start, end=now)


def bottleneck(
    *,
    session: Session,
    team_id: str,
    where: dq.Where,
    now: datetime,
    rows,
    known: dict[int, Stage],
) -> tuple[str, float, float, list[Deal]] | None:
    """The open stage whose deals sit longest against the team's usual time there: (name, days
    there now, usual days, the deals longest there), from totals.per_stage rows."""
    sitting: dict[int, tuple[float, int]] = {}
    for sid, _cur, n, _v, days in rows:
        total, count = sitting.get(sid, (0.0, 0))
        sitting[sid] = (total + days, count + n)
    usual = stage_days(session=session, team_id=team_id, now=now)
    best = None
    for sid, (total, count) in sitting.items():
        name, days = known[sid].name, total / count
        norm, moves = usual.get(name, (0.0, 0))
        worse = moves >= BOTTLENECK_MIN_MOVES and 0 < norm < days
        if worse and (best is None or days / norm > best[2] / best[3]):
            best = (sid, name, days, norm)
    if best is None:
        return None
    deals = mq.longest_in_stage(
        session=session, where=where, stage_id=best[0], limit=BOTTLENECK_DEALS
    )
    return (*best[1:], deals)


def _furthest(
    session: Session, team_id: str, where: dq.Where, stages: list[Stage], start, end
) -> list[tuple[int | None, int, int]]:
    """(furthest position, SQL verdict 0/1, deals) of the deals created in the window."""
    opens = [s for s in stages if s.kind == "open"]
    return mq.furthest(
        session=session,
        team_id=team_id,
        where=where,
        stages=stages,
        won_position=max((s.position for s in opens), default=0) + 1,
        start=start,
        end=end,
    )


def _steps(stages: list[Stage], furthest: list[tuple[int | None, int, int]]) -> list[Step]:
    """Conversion between consecutive active open stages from the deals' furthest positions."""
    opens = [s for s in stages if s.kind == "open" and s.active]

    def at_or_past(stage: Stage) -> int:
        return sum(n for f, _, n in furthest if f is not None and f >= stage.position)

    return [Step(a.name, b.name, at_or_past(a), at_or_past(b)) for a, b in pairwise(opens)]


def _qualified(stages: list[Stage], furthest: list[tuple[int | None, int, int]]) -> int:
    """Deals that reached the qualified stage or got an SQL verdict."""
    stage = next((s for s in stages if s.key == QUALIFIED_KEY and s.kind == "open"), None)
    return sum(
        n
        for f, sql, n in furthest
        if sql or (stage is not None and f is not None and f >= stage.position)
    )


def velocity(
    open_count: int, won: int, lost: int, won_total: Money | None, valued: int, cycle: float | None
) -> Money | None:
    """Open deals x win rate x average deal size (won_total / valued) / cycle days, per day."""
    if won_total is None or not valued or not cycle or won + lost == 0:
        return None
    per_day = open_count * won * won_total.minor / ((won + lost) * valued * cycle)
    return Money(int(per_day + 0.5), won_total.currency)


def metrics(
    *,
    session: Session,
    team_id: str,
    where: dq.Where,
    stages: list[Stage],
    now: datetime,
    currency: str,
    open_count: int,
    rates: Rates | None = None,
    start: datetime | None = None,
    closed: list | None = None,
) -> Metrics:
    """The window's win rate, deal size, cycle, conversions, qualification rate and velocity;
    the window is [start, now), by default the WINDOW_DAYS before now. `closed`: the
    window's totals.closed_per_owner rows when the caller has read them already."""
    start = now - timedelta(days=WINDOW_DAYS) if start is None else start
    closed = (
        dq.closed_totals(session=session, team_id=team_id, where=where, start=start, end=now)
        if closed is None
        else totals.by_currency(closed)
    )
    won_rows = [r for r in closed if r[0] == "won"]
    won = sum(r[2] for r in won_rows)
    lost = sum(r[2] for r in closed if r[0] == "lost")
    # The workspace currency first, then the currencies with the most valued wins.
    sizes = sorted(
        ((cur, nv, v) for _, cur, _, nv, v, _ in won_rows if nv),
        key=lambda r: (r[0] != currency, -r[1], r[0]),
    )
    rates = rates or Rates(currency, {})
    used = [(rates.convert(Money(v, cur)), nv, cur) for cur, nv, v in sizes]
    kept = [(m, nv, cur) for m, nv, cur in used if m is not None]
    main = (
        (Money(sum(m.minor for m, _, _ in kept), currency), sum(nv for _, nv, _ in kept))
        if kept
        else (None, 0)
    )
    cycle = sum(r[5] for r in won_rows) / won if won else None
    furthest = _furthest(session, team_id, where, stages, start, now)
    return Metrics(
        window_days=round((now - start) / timedelta(days=1)),
        won=won,
        lost=lost,
        avg_size=[Money((2 * v + nv) // (2 * nv), cur) for cur, nv, v in sizes],
        cycle_days=cycle,
        steps=_steps(stages, furthest),
        created=sum(n for *_, n in furthest),
        qualified=_qualified(stages, furthest),
        velocity=velocity(open_count, won, lost, main[0], main[1], cycle),
        velocity_converted=any(cur != currency for _, _, cur in kept),
        velocity_left_out=[cur for m, _, cur in used if m is None],
    )
