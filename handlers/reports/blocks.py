"""A report as one Slack message, or as plain text for a terminal. Pure: a Report in."""

import re

from bot.common.money import Money
from bot.i18n import N_, _, n_
from bot.pipeline.templates import local_name
from bot.reports.period import Period
from bot.reports.report import Closed, OwnerLine, Report, StageLine
from handlers.digests.currencies import converted
from handlers.digests.lines import amounts, cycle_and_velocity, days, fit, number, percent, tenths
from handlers.kit.blocks import text
from handlers.kit.layout import MESSAGE_BLOCKS, SECTION_TEXT, pack
from handlers.kit.mrkdwn import ZWSP, escape, plain_text

OWNERS_MAX = 25  # owners listed; the rest are counted
OWNERS_MORE = N_("see `dealbot digest --print` for every owner")


def period_line(p: Period) -> str:
    """`2026-01-01 to 2026-03-31 (90 days, UTC)` or `2026-10-01 to now (61 days, UTC)`."""
    words = (
        n_("{first} to now ({n} day, {zone})", "{first} to now ({n} days, {zone})", p.days)
        if p.to_now
        else n_(
            "{first} to {last} ({n} day, {zone})", "{first} to {last} ({n} days, {zone})", p.days
        )
    )
    return words.format(
        first=p.first.isoformat(), last=p.last.isoformat(), n=number(p.days), zone=escape(p.tz)
    )


def money_line(values: list[Money], r: Report) -> str:
    """Amounts per currency; converted into the workspace currency at its rates when another
    currency is in them and every one has a rate, else kept apart and said so."""
    out = amounts(values)
    if not values or all(m.currency == r.currency for m in values):
        return out
    total, missing = r.rates.total(values)
    if missing:
        return (
            out
            + " "
            + _("(kept apart: no rate for {currencies})").format(currencies=", ".join(missing))
        )
    return out + converted(total)


def closed_line(word: str, c: Closed, r: Report) -> str:
    """`*Won* 3 · $36,000` and how many had no value."""
    out = f"*{word}* {number(c.count)}"
    if c.value:
        out += f" · {money_line(c.value, r)}"
    if c.unknown:
        out += " · " + _("{n} of unknown value").format(n=number(c.unknown))
    return out


def summary_text(r: Report) -> str:
    """Win rate, won and lost, average size, cycle, velocity and qualification rate."""
    m = r.metrics
    cycle, velocity = cycle_and_velocity(m)
    return "\n".join(
        [
            _("*Pipeline report* · {period}").format(period=period_line(r.period)),
            _("*Win rate* {rate} ({won} won, {lost} lost)").format(
                rate=percent(m.win_rate), won=number(m.won), lost=number(m.lost)
            ),
            closed_line(_("Won"), r.won, r),
            closed_line(_("Lost"), r.lost, r),
            _("*Average deal* {size} · *sales cycle* {cycle}").format(
                size=amounts(m.avg_size), cycle=cycle
            ),
            n_(
                "*Sales velocity* {velocity} ({n} deal open at the end)",
                "*Sales velocity* {velocity} ({n} deals open at the end)",
                r.open_count,
            ).format(velocity=velocity, n=number(r.open_count)),
            n_(
                "*Qualified* {rate} ({qualified} of {n} new deal)",
                "*Qualified* {rate} ({qualified} of {n} new deals)",
                m.created,
            ).format(
                rate=percent(m.qualification_rate),
                qualified=number(m.qualified),
                n=number(m.created),
            ),
        ]
    )


def owner_line(o: OwnerLine, r: Report) -> str:
    """`<@U1>: win rate 67% · 2 won $24,000 · 1 lost $3,000 · average $12,000 · cycle 10 days`."""
    won = _("{n} won").format(n=number(o.won.count))
    won += f" {money_line(o.won.value, r)}" if o.won.value else ""
    lost = _("{n} lost").format(n=number(o.lost.count))
    lost += f" {money_line(o.lost.value, r)}" if o.lost.value else ""
    rate = _("{owner}: win rate {rate}").format(owner=f"<@{o.owner_id}>", rate=percent(o.win_rate))
    parts = [rate, won, lost]
    if o.avg_size:
        parts.append(_("average {amount}").format(amount=amounts(o.avg_size)))
    if o.cycle_days is not None:
        parts.append(_("cycle {days}").format(days=days(o.cycle_days)))
    return " · ".join(parts)


def stage_line(s: StageLine) -> str:
    """`Lead qualified: 8 reached · 75% on to First meeting held · 4.2 days there · 1 lost`."""
    stage = escape(local_name(s.name))
    parts = [_("{stage}: {n} reached").format(stage=stage, n=number(s.reached))]
    if s.next_name is not None:
        parts.append(
            _("{rate} on to {stage} ({n})").format(
                rate=percent(s.conversion),
                stage=escape(local_name(s.next_name)),
                n=number(s.reached_next),
            )
        )
    if s.days is not None:
        parts.append(_("{n} days there").format(n=tenths(s.days)))
    if s.lost:
        parts.append(_("{n} lost there").format(n=number(s.lost)))
    return " · ".join(parts)


def owners_text(r: Report, every: bool = False) -> str:
    """Each owner's closes, the most wins first (in Slack, what fits a section)."""
    if not r.owners:
        return _("*By owner*") + "\n" + _("No deal was won or lost in this period.")
    head = _("*By owner* (deals count for their current owner)")
    lines = [owner_line(o, r) for o in (r.owners if every else r.owners[:OWNERS_MAX])]
    if every:
        return "\n".join([head, *lines])
    return fit(head, lines, len(r.owners), _(OWNERS_MORE))


def stages_text(r: Report) -> list[str]:
    """Each open stage: reached by the period's new deals, conversion, days there, lost."""
    lines = [stage_line(s) for s in r.stages]
    head = _("*By stage* (deals created in the period; days and losses in the period)")
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
