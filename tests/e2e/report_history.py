"""A pipeline history with closes at known past dates, inserted as rows, and the figures a
report over a period should give, computed here without dealbot's code."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlmodel

from bot.workspaces.service import ensure_workspace
from storage import db, number_queries
from storage.models import Activity, Deal, Stage
from tests.e2e.helpers import TEAM


def t(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@dataclass(frozen=True)
class Past:
    name: str
    owner: str
    value: int | None  # dollars
    created: datetime
    closed: datetime | None
    outcome: str  # won, lost or open


HISTORY = [
    Past("Alpha", "U0ANN", 10_000, t(2026, 1, 5), t(2026, 2, 10, 12), "won"),
    Past("Beta", "U0ANN", 20_000, t(2026, 1, 20), t(2026, 3, 1, 9), "won"),
    Past("Gamma", "U0BOB", 5_000, t(2026, 2, 1), t(2026, 3, 15, 15), "lost"),
    Past("Delta", "U0BOB", None, t(2026, 2, 3), t(2026, 3, 31, 23, 59, 59), "lost"),
    Past("Epsilon", "U0CAT", 8_000, t(2026, 2, 10), t(2026, 4, 1), "won"),  # at 00:00 exactly
    Past("Zeta", "U0CAT", 12_000, t(2025, 12, 1), t(2026, 1, 1), "won"),  # at 00:00 exactly
    Past("Eta", "U0ANN", 30_000, t(2025, 10, 1), t(2025, 12, 31, 23, 59), "won"),
    Past("Theta", "U0BOB", 7_000, t(2026, 3, 1), None, "open"),
]


def seed(history: list[Past] = HISTORY) -> None:
    """Insert the deals and their created, moved and won/lost activities at their dates."""
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id=TEAM)
        stages = {x.key: x for x in s.exec(sqlmodel.select(Stage).where(Stage.team_id == TEAM))}
        first, second = stages["prospect"], stages["qualified"]
        for p in history:
            n = number_queries.next_number(session=s, team_id=TEAM)
            where = {"won": stages["won"], "lost": stages["lost"], "open": second}[p.outcome]
            moved = p.created + timedelta(days=1)
            deal = Deal(
                team_id=TEAM,
                number=n,
                name=p.name,
                currency="USD",
                value_minor=None if p.value is None else p.value * 100,
                stage_id=where.id,
                owner_id=p.owner,
                created_by=p.owner,
                created_at=p.created,
                updated_at=p.closed or moved,
                stage_changed_at=p.closed or moved,
            )
            s.add(deal)
            s.flush()
            acts = [
                ("created", p.created, None, first.name),
                ("moved", moved, first.name, second.name),
            ]
            if p.closed is not None:
                acts.append((p.outcome, p.closed, second.name, where.name))
            for kind, at, frm, to in acts:
                s.add(
                    Activity(
                        team_id=TEAM,
                        deal_id=deal.id,
                        actor_id=p.owner,
                        at=at,
                        kind=kind,
                        from_value=frm,
                        to_value=to,
                    )
                )


@dataclass(frozen=True)
class Figures:
    won: int
    lost: int
    won_value: int  # dollars
    lost_value: int
    lost_unknown: int
    cycle: float | None  # days
    sizes: tuple[int, ...]  # the valued wins, dollars

    @property
    def rate(self) -> str:
        return f"{self.won / (self.won + self.lost):.0%}" if self.won + self.lost else "–"

    @property
    def average(self) -> str:
        if not self.sizes:
            return "–"
        cents = (2 * 100 * sum(self.sizes) + len(self.sizes)) // (2 * len(self.sizes))  # half up
        return f"${cents // 100:,}" + (f".{cents % 100:02d}" if cents % 100 else "")


def figures(start: datetime, end: datetime, owner: str | None = None) -> Figures:
    """The closes in [start, end), by hand."""
    closed = [
        p
        for p in HISTORY
        if p.closed is not None and start <= p.closed < end and (owner is None or p.owner == owner)
    ]
    wins = [p for p in closed if p.outcome == "won"]
    losses = [p for p in closed if p.outcome == "lost"]
    days = [(p.closed - p.created) / timedelta(days=1) for p in wins]
    return Figures(
        len(wins),
        len(losses),
        sum(p.value or 0 for p in wins),
        sum(p.value or 0 for p in losses),
        sum(p.value is None for p in losses),
        sum(days) / len(days) if days else None,
        tuple(p.value for p in wins if p.value is not None),
    )


def summary_lines(f: Figures) -> list[str]:
    """What the report's summary says for these figures (plain text)."""
    lost = f"Lost {f.lost:,}" + (f" · ${f.lost_value:,}" if f.lost_value else "")
    lost += f" · {f.lost_unknown} of unknown value" if f.lost_unknown else ""
    cycle = "–" if f.cycle is None else f"{f.cycle:.1f} days"
    return [
        f"Win rate {f.rate} ({f.won} won, {f.lost} lost)",
        f"Won {f.won}" + (f" · ${f.won_value:,}" if f.won_value else ""),
        lost,
        f"Average deal {f.average} · sales cycle {cycle}",
    ]


def owner_line(owner: str, f: Figures) -> str:
    """What the report's line for an owner says (plain text)."""
    parts = [
        f"@{owner}: win rate {f.rate}",
        f"{f.won} won" + (f" ${f.won_value:,}" if f.won_value else ""),
        f"{f.lost} lost" + (f" ${f.lost_value:,}" if f.lost_value else ""),
    ]
    parts += [f"average {f.average}"] if f.sizes else []
    parts += [f"cycle {f.cycle:.1f} days"] if f.cycle is not None else []
    return " · ".join(parts)
