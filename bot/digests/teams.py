"""Sales teams as digests and lists see them: whose deals a team counts, and how each team
and each owner stands (open value now; won and win rate over the metrics window).

A deal belongs to its owner's team: the team the owner is a member of, else the team the
owner manages. Teams are read as they are now, not as they were when a deal was won.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.common.money import Money, Rates
from bot.common.text import clean_line
from storage import digest_queries as dq
from storage import digest_totals as totals
from storage import team_queries
from storage import team_view_queries as tv
from storage.models import SalesTeam

TEAM_MAX = 10  # team lines in a digest; the rest are counted
OWNER_MAX = 8  # owner lines in a digest (the top owners); the rest are counted


@dataclass(frozen=True)
class Standing:
    """A team's or an owner's numbers: open deals now, deals won and lost in the window."""

    name: str  # a team's name, or an owner's user id; "" for the deals of people in no team
    open_count: int = 0
    open_value: list[Money] = field(default_factory=list)
    open_converted: Money | None = None  # when every currency had a rate and one was used
    won: int = 0
    won_value: list[Money] = field(default_factory=list)
    won_converted: Money | None = None
    lost: int = 0
    team: str | None = None  # an owner's team name
    manager_id: str | None = None  # a team's manager

    @property
    def win_rate(self) -> float | None:
        """won / (won + lost) in the window, or None with nothing closed."""
        return self.won / (self.won + self.lost) if self.won + self.lost else None


@dataclass
class Standings:
    """The digest's per-team and per-owner lines; `owners_total` counts every owner."""

    teams: list[Standing] = field(default_factory=list)
    owners: list[Standing] = field(default_factory=list)
    owners_total: int = 0
    teams_total: int = 0


def owner_teams(*, session: Session, team_id: str) -> dict[str, SalesTeam]:
    """User id -> their sales team: the one they are a member of, else the one they manage."""
    teams = team_queries.sales_teams(session=session, team_id=team_id)
    by_id = {t.id: t for t in teams}
    out = {u: by_id[t] for u, t in tv.memberships(session=session, team_id=team_id) if t in by_id}
    for t in sorted(teams, key=lambda t: t.id or 0):
        if t.manager_id and t.manager_id not in out:
            out[t.manager_id] = t
    return out


def find_team(teams: list[SalesTeam], name: str) -> SalesTeam | None:
    """The team called `name`, whatever its case and spacing."""
    key = clean_line(name).casefold()
    return next(
        (t for t in teams if key and key in (clean_line(t.name).casefold(), t.name_key)), None
    )


def named(*, session: Session, team_id: str, name: str) -> tuple[SalesTeam | None, list[str]]:
    """The team called `name`, and the names of every team (to say which exist)."""
    teams = team_queries.sales_teams(session=session, team_id=team_id)
    return find_team(teams, name), [t.name for t in teams]


def get(*, session: Session, team_id: str, sales_team_id: int) -> SalesTeam | None:
    """A sales team by id, if it still exists."""
    return team_queries.team_by_id(session=session, team_id=team_id, sales_team_id=sales_team_id)


def owners_of(*, session: Session, team_id: str, sales_team_id: int) -> list[str]:
    """The people whose deals the team counts: its sellers and its manager."""
    mapping = owner_teams(session=session, team_id=team_id)
    people = {u for u, t in mapping.items() if t.id == sales_team_id}
    team = get(session=session, team_id=team_id, sales_team_id=sales_team_id)
    return sorted(people | ({team.manager_id} if team and team.manager_id else set()))


def team_of(*, session: Session, team_id: str, user: str) -> SalesTeam | None:
    """The caller's team: the one they belong to, else the one they lead."""
    return owner_teams(session=session, team_id=team_id).get(user)


class _Tally:
    """Sums per currency of one team's or owner's rows, and deal counts."""

    def __init__(self) -> None:
        self.open = self.won = self.lost = 0
        self.open_value: dict[str, int] = defaultdict(int)
        self.open_deals: dict[str, int] = defaultdict(int)
        self.won_value: dict[str, int] = defaultdict(int)
        self.won_deals: dict[str, int] = defaultdict(int)

    def rank(self, rates: Rates) -> tuple[int, int]:
        """(open + won value in the workspace currency, deals): what has no rate adds nothing."""
        money = [Money(v, c) for c, v in (*self.open_value.items(), *self.won_value.items())]
        converted = (rates.convert(m) for m in money)
        return sum(m.minor for m in converted if m is not None), self.open + self.won

    def standing(self, name: str, rates: Rates, **extra) -> Standing:
        """The tally as a line: totals per currency, converted only when all have a rate."""
        open_value = _money(self.open_value, self.open_deals)
        won_value = _money(self.won_value, self.won_deals)
        return Standing(
            name,
            self.open,
            open_value,
            _converted(open_value, rates),
            self.won,
            won_value,
            _converted(won_value, rates),
            self.lost,
            **extra,
        )


def _converted(money: list[Money], rates: Rates) -> Money | None:
    """The total in the workspace currency when every currency has a rate and one was used."""
    total, missing = rates.total(money)
    return None if missing else total


def _money(totals: dict[str, int], counts: dict[str, int]) -> list[Money]:
    """Money per currency, the currency with the most deals first."""
    return [Money(totals[c], c) for c in sorted(totals, key=lambda c: (-counts.get(c, 0), c))]


def _tallies(
    session: Session, team_id: str, where: dq.Where, start: datetime, end: datetime,
    closed: list | None, opened: list | None,
):
    """Owner -> tally of their open deals now and their closes in [start, end) (`closed`,
    `opened`: those closes' totals.closed_per_owner rows and the open deals' tv.open_by_owner
    rows, when the caller has read them already)."""
    out: dict[str, _Tally] = defaultdict(_Tally)
    if opened is None:
        opened = tv.open_by_owner(session=session, where=where)
    for owner, cur, n, value in opened:
        t = out[owner]
        t.open += n
        t.open_deals[cur] += n
        if value is not None:
            t.open_value[cur] += value
    if closed is None:
        closed = totals.closed_per_owner(
            session=session, team_id=team_id, where=where, start=start, end=end
        )
    for kind, owner, cur, n, _nv, value, _days in closed:
        t = out[owner]
        if kind == "lost":
            t.lost += n
            continue
        t.won += n
        t.won_deals[cur] += n
        if value is not None:
            t.won_value[cur] += value
    return out


def _merge(into: _Tally, t: _Tally) -> None:
    into.open, into.won, into.lost = into.open + t.open, into.won + t.won, into.lost + t.lost
    for mine, theirs in (
        (into.open_value, t.open_value),
        (into.open_deals, t.open_deals),
        (into.won_value, t.won_value),
        (into.won_deals, t.won_deals),
    ):
        for cur, v in theirs.items():
            mine[cur] += v


def standings(
    *,
    session: Session,
    team_id: str,
    where: dq.Where,
    start: datetime,
    end: datetime,
    rates: Rates,
    every_team: bool,
    closed: list | None = None,
    opened: list | None = None,
) -> Standings:
    """Per-team lines (every team when `every_team`, else the teams with deals counted; "No
    team" when people in no team own some, and only when teams exist) and the top owners."""
    tallies = _tallies(session, team_id, where, start, end, closed, opened)
    teams = team_queries.sales_teams(session=session, team_id=team_id)
    mapping = owner_teams(session=session, team_id=team_id)
    per_team: dict[int | None, _Tally] = {t.id: _Tally() for t in teams} if every_team else {}
    for owner, t in tallies.items():
        team = mapping.get(owner)
        _merge(per_team.setdefault(team.id if team else None, _Tally()), t)
    out = Standings()
    if teams:
        lines = [
            per_team[t.id].standing(t.name, rates, manager_id=t.manager_id)
            for t in teams
            if t.id in per_team
        ]
        if None in per_team:
            lines.append(per_team[None].standing("", rates))
        out.teams, out.teams_total = lines[:TEAM_MAX], len(lines)
    ranked = sorted(tallies.items(), key=lambda kv: (*(-x for x in kv[1].rank(rates)), kv[0]))
    out.owners = [
        t.standing(owner, rates, team=mapping[owner].name if owner in mapping else None)
        for owner, t in ranked[:OWNER_MAX]
    ]
    out.owners_total = len(ranked)
    return out
