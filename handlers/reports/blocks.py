"""A report as one Slack message, or as plain text for a terminal. Pure: a Report in."""

import re

from bot.common.money import Money
from bot.reports.period import Period
from bot.reports.report import Closed, OwnerLine, Report, StageLine
from handlers.digests.currencies import converted
from handlers.digests.lines import amounts, cycle_and_velocity, fit, percent
from handlers.kit.blocks import text
from handlers.kit.layout import MESSAGE_BLOCKS, SECTION_TEXT, pack, plural
from handlers.kit.mrkdwn import ZWSP, escape, plain_text

OWNERS_MAX = 25  # owners listed; the rest are counted
OWNERS_MORE = "see `dealbot digest --print` for every owner"


def period_line(p: Period) -> str:
    """`2026-01-01 to 2026-03-31 (90 days, UTC)` or `2026-10-01 to now (61 days, UTC)`."""
    last = "now" if p.to_now else p.last.isoformat()
    return f"{p.first.isoformat()} to {last} ({plural(p.days, 'day')}, {escape(p.tz)})"


def money_line(values: list[Money], r: Report) -> str:
    """Amounts per currency; converted into the workspace currency at its rates when another
    currency is in them and every one has a rate, else kept apart and said so."""
    out = amounts(values)
    if not values or all(m.currency == r.currency for m in values):
        return out
    total, missing = r.rates.total(values)
    if missing:
        return out + f" (kept apart: no rate for {', '.join(missing)})"
    return out + converted(total)


def closed_line(word: str, c: Closed, r: Report) -> str:
    """`*Won* 3 · $36,000` and how many had no value."""
    out = f"*{word}* {c.count:,}"
    if c.value:
        out += f" · {money_line(c.value, r)}"
    if c.unknown:
        out += f" · {c.unknown:,} of unknown value"
    return out


def summary_text(r: Report) -> str:
    """Win rate, won and lost, average size, cycle, velocity and qualification rate."""
    m = r.metrics
    cycle, velocity = cycle_and_velocity(m)
    return "\n".join(
        [
            f"*Pipeline report* · {period_line(r.period)}",
            f"*Win rate* {percent(m.win_rate)} ({m.won:,} won, {m.lost:,} lost)",
            closed_line("Won", r.won, r),
            closed_line("Lost", r.lost, r),
            f"*Average deal* {amounts(m.avg_size)} · *sales cycle* {cycle}",
            f"*Sales velocity* {velocity} ({plural(r.open_count, 'deal')} open at the end)",
            f"*Qualified* {percent(m.qualification_rate)} "
            f"({m.qualified:,} of {plural(m.created, 'new deal')})",
        ]
    )


def owner_line(o: OwnerLine, r: Report) -> str:
    """`<@U1>: win rate 67% · 2 won $24,000 · 1 lost $3,000 · average $12,000 · cycle 10 days`."""
    won = f"{o.won.count:,} won" + (f" {money_line(o.won.value, r)}" if o.won.value else "")
    lost = f"{o.lost.count:,} lost" + (f" {money_line(o.lost.value, r)}" if o.lost.value else "")
    parts = [f"<@{o.owner_id}>: win rate {percent(o.win_rate)}", won, lost]
    if o.avg_size:
        parts.append(f"average {amounts(o.avg_size)}")
    if o.cycle_days is not None:
        parts.append(f"cycle {o.cycle_days:.1f} days")
    return " · ".join(parts)


def stage_line(s: StageLine) -> str:
    """`Lead qualified: 8 reached · 75% on to First meeting held · 4.2 days there · 1 lost`."""
    parts = [f"{escape(s.name)}: {s.reached:,} reached"]
    if s.next_name is not None:
        parts.append(f"{percent(s.conversion)} on to {escape(s.next_name)} ({s.reached_next:,})")
    if s.days is not None:
        parts.append(f"{s.days:.1f} days there")
    if s.lost:
        parts.append(f"{s.lost:,} lost there")
    return " · ".join(parts)


def owners_text(r: Report, every: bool = False) -> str:
    """Each owner's closes, the most wins first (in Slack, what fits a section)."""
    if not r.owners:
        return "*By owner*\nNo deal was won or lost in this period."
    head = "*By owner* (deals count for their current owner)"
    lines = [owner_line(o, r) for o in (r.owners if every else r.owners[:OWNERS_MAX])]
    return "\n".join([head, *lines]) if every else fit(head, lines, len(r.owners), OWNERS_MORE)


def stages_text(r: Report) -> list[str]:
    """Each open stage: reached by the period's new deals, conversion, days there, lost."""
    lines = [stage_line(s) for s in r.stages]
    head = "*By stage* (deals created in the period; days and losses in the period)"
    return pack([head, *lines], SECTION_TEXT) if lines else []


def report_blocks(r: Report) -> list[dict]:
    """The report message."""
    blocks: list[dict] = [
        text(summary_text(r)),
        {"type": "divider"},
        text(owners_text(r)),
    ]
    stages = stages_text(r)
    if stages:
        blocks += [{"type": "divider"}, *map(text, stages)]
    return blocks[:MESSAGE_BLOCKS]


def report_text(r: Report, every: bool = False) -> str:
    """The report as mrkdwn text: the notification, or with `every` owner for a terminal."""
    return "\n\n".join([summary_text(r), owners_text(r, every), *stages_text(r)])


_MARKS = re.compile(rf"(?<!{ZWSP})[*`]")


def terminal(mrkdwn: str) -> str:
    """Slack mrkdwn as readable plain text: code fences, bold and code marks dropped (the user's
    own, escaped with a zero-width space, kept), then mentions, dates and entities undone."""
    lines = [line for line in mrkdwn.split("\n") if line.strip() != "```"]
    return plain_text(_MARKS.sub("", "\n".join(lines).replace("```", "")))
