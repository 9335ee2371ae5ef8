"""The digest's per-team and per-owner lines: open value, won and win rate. Pure text."""

from bot.digests.digest import Digest
from bot.digests.teams import Standing
from handlers.digests.currencies import converted
from handlers.digests.lines import amounts, fit, percent
from handlers.kit.layout import SEPARATOR, clip, plural
from handlers.kit.mrkdwn import escape

TEAM_NAME = 40  # characters of a team name shown in a line
NO_TEAM = "No team"
OWNERS_MORE = "see `/deal list @someone`"
TEAMS_MORE = "see `/deal list team <name>`"


def numbers(s: Standing) -> str:
    """`2 open · $30,000 · won 1 · $5,000 · win rate 50% (1 of 2)`, per currency or converted."""
    parts = [plural(s.open_count, "open deal")]
    if s.open_value:
        parts.append(amounts(s.open_value) + converted(s.open_converted))
    won = f"won {s.won:,}"
    if s.won_value:
        won += f" · {amounts(s.won_value)}{converted(s.won_converted)}"
    parts.append(won)
    rate = f"win rate {percent(s.win_rate)}"
    if s.won + s.lost:
        rate += f" ({s.won:,} of {s.won + s.lost:,} closed)"
    parts.append(rate)
    return SEPARATOR.join(parts)


def team_line(s: Standing) -> str:
    """`*East* (<@U0ANN>) · …`: a team's numbers; the deals of people in no team as No team."""
    name = f"*{escape(clip(s.name, TEAM_NAME))}*" if s.name else f"*{NO_TEAM}*"
    lead = f" (<@{s.manager_id}>)" if s.manager_id else ""
    return f"{name}{lead}{SEPARATOR}{numbers(s)}"


def owner_line(s: Standing) -> str:
    """`<@U0BOB> (East) · …`: an owner's numbers and team."""
    team = f" ({escape(clip(s.team, TEAM_NAME))})" if s.team else ""
    return f"<@{s.name}>{team}{SEPARATOR}{numbers(s)}"


def standings_texts(d: Digest) -> list[str]:
    """`By team` (only when teams exist) and `By owner` (the top owners), each one section."""
    st, days = d.standings, d.metrics.window_days
    out = []
    if st.teams:
        head = f"*By team* · open now; won and win rate over the last {days} days"
        out.append(fit(head, [team_line(s) for s in st.teams], st.teams_total, TEAMS_MORE))
    if st.owners:
        head = f"*By owner* · open now; won and win rate over the last {days} days"
        out.append(fit(head, [owner_line(s) for s in st.owners], st.owners_total, OWNERS_MORE))
    return out
