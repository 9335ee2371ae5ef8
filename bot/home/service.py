"""A seller's own pipeline for the Home tab: open deals by stage, totals, recent closes."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.common.money import Money
from bot.deals import quiet
from bot.deals.service import DealView
from bot.workspaces import currency as money_settings
from storage import home_queries, queries
from storage.models import Deal, Stage

CLOSED_DAYS = 30  # how far back "recently closed" looks
CLOSED_MAX = 5
DEALS_MAX = 50  # more than a Home tab of 100 blocks can show; the rest are only counted


@dataclass
class StageGroup:
    """One stage of my open deals: all of them counted and totalled, the first ones listed."""

    stage: Stage
    deals: list[DealView]
    count: int
    totals: list[Money]


@dataclass
class MyDeals:
    """What the Home tab shows one person, as of `now`."""

    user_id: str
    now: datetime
    groups: list[StageGroup] = field(default_factory=list)
    totals: list[Money] = field(default_factory=list)
    forecast: list[Money] = field(default_factory=list)
    # As in digests: the totals in the workspace currency when every currency has a rate,
    # else None and the currencies without one (totals then keep each currency apart).
    totals_converted: Money | None = None
    forecast_converted: Money | None = None
    no_rate: list[str] = field(default_factory=list)
    quiet: dict[int, int] = field(default_factory=dict)  # deal id -> days without activity
    closed: list[DealView] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many open deals I have in all."""
        return sum(g.count for g in self.groups)


def _amounts(sums: dict[str, int], counts: dict[str, int]) -> list[Money]:
    """Money per currency, the currency with the most deals first."""
    order = sorted(sums, key=lambda c: (-counts.get(c, 0), c))
    return [Money(sums[c], c) for c in order]


def _percent(numerator: int) -> int:
    """numerator / 100 rounded half up, in whole minor units."""
    q, r = divmod(numerator, 100)
    return q + (1 if r >= 50 else 0)


def _quiet(session: Session, team_id: str, listed: list[Deal], now: datetime) -> dict[int, int]:
    """Days without activity of the listed deals that went quiet (the rule of bot.deals.quiet)."""
    _count, rows = quiet.quiet_deals(
        session=session,
        team_id=team_id,
        now=now,
        today=now.date(),
        limit=len(listed),
        deal_ids=[d.id for d in listed],
    )
    return {d.id: quiet.days_quiet(last, now) for d, last in rows}


def _groups(
    rows, listed: list[Deal], known: dict[int, Stage], stages: list[Stage]
) -> tuple[list[StageGroup], list[Money], list[Money]]:
    """Per-stage groups, totals and weighted forecast from open_totals rows and listed deals."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    sums: dict[int, dict[str, int]] = defaultdict(dict)
    all_counts: dict[str, int] = defaultdict(int)
    all_sums: dict[str, int] = defaultdict(int)
    weighted: dict[str, int] = defaultdict(int)
    for stage_id, currency, n, total in rows:
        counts[stage_id][currency] = n
        all_counts[currency] += n
        if total is not None:
            sums[stage_id][currency] = total
            all_sums[currency] += total
            weighted[currency] += total * known[stage_id].probability

    by_stage: dict[int, list[DealView]] = defaultdict(list)
    for d in listed:
        by_stage[d.stage_id].append(DealView(deal=d, stage=known[d.stage_id], stages=stages))
    groups = [
        StageGroup(
            stage=known[sid],
            deals=by_stage[sid],
            count=sum(counts[sid].values()),
            totals=_amounts(sums[sid], counts[sid]),
        )
        for sid in sorted(counts, key=lambda sid: (known[sid].position, sid))
    ]
    forecast = _amounts({c: _percent(w) for c, w in weighted.items()}, all_counts)
    return groups, _amounts(all_sums, all_counts), forecast


def my_deals(*, session: Session, team_id: str, user_id: str, now: datetime) -> MyDeals:
    """My open deals (owned or tagged on) grouped by stage, with totals, stale flags and closes."""
    stages = queries.stages(session=session, team_id=team_id)
    rows = home_queries.open_totals(session=session, team_id=team_id, user_id=user_id)
    listed = home_queries.open_deals(
        session=session, team_id=team_id, user_id=user_id, limit=DEALS_MAX
    )
    closed_rows = home_queries.closed_since(
        session=session,
        team_id=team_id,
        user_id=user_id,
        since=now - timedelta(days=CLOSED_DAYS),
        limit=CLOSED_MAX,
    )
    known = {s.id: s for s in stages}
    # A deal can sit in a stage that was retired from the pipeline since.
    missing = {sid for sid, *_ in rows} | {d.stage_id for d in closed_rows}
    known |= home_queries.stages_by_id(session=session, team_id=team_id, ids=missing - set(known))
    groups, totals, forecast = _groups(rows, listed, known, stages)
    rates = money_settings.rates(session=session, team_id=team_id)  # as digests convert
    totals_converted, totals_unrated = rates.total(totals)
    forecast_converted, forecast_unrated = rates.total(forecast)
    return MyDeals(
        totals_converted=None if totals_unrated else totals_converted,
        forecast_converted=None if forecast_unrated else forecast_converted,
        no_rate=sorted({*totals_unrated, *forecast_unrated}),
        user_id=user_id,
        now=now,
        groups=groups,
        totals=totals,
        forecast=forecast,
        quiet=_quiet(session, team_id, listed, now),
        closed=[DealView(deal=d, stage=known[d.stage_id], stages=stages) for d in closed_rows],
    )
