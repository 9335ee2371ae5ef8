"""What a pipeline digest says, as data: no Slack here, no database either."""

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from bot.common.money import Money
from bot.digests.metrics import Metrics
from bot.digests.teams import Standings


@dataclass(frozen=True)
class Filters:
    """Which deals a digest counts: by owner, current stage key, value in minor units, and
    sales team (its sellers' and its manager's deals)."""

    owner: str | None = None
    stage_key: str | None = None
    min_value_minor: int | None = None
    max_value_minor: int | None = None
    sales_team_id: int | None = None


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
    # Money across currencies: the totals converted at the workspace's rates, when every
    # currency in them has a rate (else None: the per-currency totals stand alone).
    open_converted: Money | None = None
    weighted_converted: Money | None = None
    no_rate: list[str] = field(default_factory=list)  # currencies of the totals without a rate
    min_left_out: list[str] = field(default_factory=list)  # left out of min/max: no rate
    min_converted: bool = False  # min/max converted other currencies at the rates
    team_name: str | None = None  # the sales team of the team filter
    unknown_team: bool = False  # the team filter names a team that no longer exists
    standings: Standings = field(default_factory=Standings)  # per-team and per-owner lines

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
