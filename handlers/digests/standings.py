"""The digest's per-team and per-owner lines: open value, won and win rate. Pure text."""

from bot.digests.digest import Digest
from bot.digests.teams import Standing
from bot.i18n import N_, _, n_
from handlers.digests.currencies import converted
from handlers.digests.lines import amounts, fit, number, percent
from handlers.kit.layout import SEPARATOR, clip
from handlers.kit.mrkdwn import escape

TEAM_NAME = 40  # characters of a team name shown in a line
NO_TEAM = N_("No team")
OWNERS_MORE = N_("see `/deal list @someone`")
TEAMS_MORE = N_("see `/deal list team <name>`")


def numbers(s: Standing) -> str:
    """`2 open · $30,000 · won 1 · $5,000 · win rate 50% (1 of 2)`, per currency or converted."""
    parts = [n_("{n} open deal", "{n} open deals", s.open_count).format(n=number(s.open_count))]
    if s.open_value:
        parts.append(amounts(s.open_value) + converted(s.open_converted))
    won = _("won {n}").format(n=number(s.won))
    if s.won_value:
        won += f" · {amounts(s.won_value)}{converted(s.won_converted)}"
    parts.append(won)
    rate = _("win rate {rate}").format(rate=percent(s.win_rate))
    if s.won + s.lost:
        rate += " " + _("({won} of {closed} closed)").format(
            won=number(s.won), closed=number(s.won + s.lost)
        )
    parts.append(rate)
    return SEPARATOR.join(parts)


def team_line(s: Standing) -> str:
    """`*East* (<@U0ANN>) · …`: a team's numbers; the deals of people in no team as No team."""
    name = f"*{escape(clip(s.name, TEAM_NAME))}*" if s.name else "*" + _(NO_TEAM) + "*"
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
        head = n_(
            "*By team* · open now; won and win rate over the last {n} day",
            "*By team* · open now; won and win rate over the last {n} days",
            days,
        ).format(n=number(days))
        out.append(fit(head, [team_line(s) for s in st.teams], st.teams_total, _(TEAMS_MORE)))
    if st.owners:
        head = n_(
            "*By owner* · open now; won and win rate over the last {n} day",
            "*By owner* · open now; won and win rate over the last {n} days",
            days,
        ).format(n=number(days))
        lines = [owner_line(s) for s in st.owners]
        out.append(fit(head, lines, st.owners_total, _(OWNERS_MORE)))
    return out
