"""The pipeline digest as one Slack message. Pure: a Digest in, blocks or text out."""

from bot.common.money import Money, format_money, format_short
from bot.digests.digest import DealLine, Digest, Listed, StageRow
from handlers.digests.currencies import converted, currency_note
from handlers.digests.lines import amounts, cycle_and_velocity, fit, percent
from handlers.digests.standings import standings_texts
from handlers.kit.blocks import context, text
from handlers.kit.layout import (
    MESSAGE_BLOCKS,
    SECTION_TEXT,
    clip,
    deal_line,
    pack,
    plural,
    reader_day,
)
from handlers.kit.mrkdwn import escape

NAME_MAX = 60  # characters of a deal name shown in a list line
BAR = 10  # characters of a stage's bar
STAGE_COLUMN = 19  # characters of a stage name in the table; fits a phone's code block
STALE_MORE = "see `/deal list stale`"
LIST_MORE = "see `/deal list`"


def listed_line(x: DealLine, extra: str | None = None) -> str:
    """`#12 Acme Corp · $12k · <detail> · <extra> · @owner`, user text escaped."""
    value = None if x.value is None else format_short(x.value)
    facts = [escape(p) for p in (x.detail, extra) if p]
    return deal_line(
        f"#{x.number} {escape(clip(x.name, NAME_MAX))}", value, *facts, f"<@{x.owner_id}>"
    )


def headline(d: Digest) -> str:
    """Open deals, their value and the weighted forecast, per currency."""
    if d.unknown_stage:
        return f"Stage `{escape(d.filters.stage_key or '')}` is no longer in the pipeline."
    if not d.open_count:
        return "*No open deals.* Create one with `/deal new Acme Corp 12k`."
    return (
        f"*{plural(d.open_count, 'open deal')}* · {amounts(d.open_value)}"
        f"{converted(d.open_converted)}\n"
        f"Weighted forecast {amounts(d.weighted)}{converted(d.weighted_converted)}"
    )


def signed(money: list[Money]) -> str:
    """`+$5,000, -€4,500`: a change per currency, signed."""
    return ", ".join(("+" if m.minor > 0 else "") + format_money(m) for m in money)


def change_line(d: Digest) -> str | None:
    """`Since Monday: +2 open deals · open value +$12,000 · weighted forecast +$3,000`.

    Each figure is labelled: the open value's change is not the weighted forecast's.
    None for a first digest.
    """
    c = d.change
    if c is None:
        return None
    parts = [f"{c.count:+,} open deal{'' if abs(c.count) == 1 else 's'}"] if c.count else []
    parts += [f"open value {signed(c.value)}"] if c.value else []
    parts += [f"weighted forecast {signed(c.weighted)}"] if c.weighted else []
    if not parts:
        return f"No change since {reader_day(c.since)}"
    return f"Since {reader_day(c.since)}: " + " · ".join(parts)


def bar(count: int, top: int) -> str:
    """`███░░░░░░░`: the count against the largest stage's (a non-empty stage shows one block)."""
    filled = 0 if not count else max(1, round(BAR * count / top))
    return "█" * filled + "░" * (BAR - filled)


def stage_table(rows: list[StageRow]) -> str:
    """Each stage's count and bar, then its value and weighted value, aligned in a code block."""
    top = max((r.count for r in rows), default=0) or 1
    lines = []
    for r in rows:
        name = clip(r.name, STAGE_COLUMN)
        lines.append(
            f"{escape(name)}{' ' * (STAGE_COLUMN - len(name))} {bar(r.count, top)} {r.count:>4,}"
        )
        if r.count:
            lines.append(f"  {amounts(r.value, True)} · weighted {amounts(r.weighted, True)}")
    return "```\n" + "\n".join(lines) + "\n```"


def pipeline_text(d: Digest) -> str:
    """The per-stage table and the prospecting call-out; a sentence when no stage is shown."""
    if not d.stages:
        return "*Pipeline by stage*\nNo open deals match this digest's filters."
    out = f"*Pipeline by stage*\n{stage_table(d.stages)}"
    if d.prospecting_low and d.stages:
        first = d.stages[0]
        out += (
            f"\n⚠ {plural(first.count, 'deal')} in {escape(first.name)}: more prospecting needed."
        )
    return out


def closed_text(word: str, listed: Listed, reasons=None) -> str:
    """`Won: 2 · $40,000` and its deals."""
    head = f"*{word}:* {listed.count:,}"
    if listed.count:
        head += f" · {amounts(listed.value)}"
    if reasons:
        head += " (" + ", ".join(f"{escape(r or 'no reason')} ×{n}" for r, n in reasons) + ")"
    return fit(head, [listed_line(x) for x in listed.items], listed.count, LIST_MORE)


def since_texts(d: Digest) -> list[str]:
    """New leads, moves, wins and losses, and slipped close dates since the last digest."""
    leads = sum(n for _, n in d.new_leads)
    by = ", ".join(f"{n} {escape(s or 'no source')}" for s, n in d.new_leads)
    moves = (
        f"*Since {reader_day(d.since)}*\n*New leads:* {leads:,}"
        + (f" ({by})" if by else "")
        + f"\n*Moves:* {d.moves:,}"
        + (f" ({d.forward:,} forward)" if d.moves else "")
    )
    slips = [listed_line(x) for x in d.slipped.items]
    chunks = [
        fit(moves, [f"↗ {listed_line(x)}" for x in d.notable], len(d.notable), LIST_MORE),
        closed_text("Won", d.won),
        closed_text("Lost", d.lost, d.loss_reasons),
        fit(f"*Close dates slipped:* {d.slipped.count:,}", slips, d.slipped.count, LIST_MORE),
    ]
    return pack(chunks, SECTION_TEXT)


def attention_texts(d: Digest) -> list[str]:
    """Stale deals, deals past their close date, and the bottleneck stage."""
    stale = [listed_line(x, f"quiet {plural(x.days or 0, 'day')}") for x in d.stale.items]
    late = [listed_line(x, f"{plural(x.days or 0, 'day')} late") for x in d.overdue.items]
    out = [
        fit(f"*Needs attention*\n*Stale:* {d.stale.count:,}", stale, d.stale.count, STALE_MORE),
        fit(f"*Past expected close:* {d.overdue.count:,}", late, d.overdue.count, LIST_MORE),
    ]
    b = d.bottleneck
    if b:
        longest = [listed_line(x, f"{plural(x.days or 0, 'day')} there") for x in b.deals]
        out.append(
            fit(
                f"*Bottleneck:* {escape(b.stage)}: deals there now {b.now_days:.1f} days "
                f"on average, usually {b.usual_days:.1f} ({b.now_days / b.usual_days:.1f}×)",
                longest,
                len(longest),
                LIST_MORE,
            )
        )
    return pack(out, SECTION_TEXT)


def metrics_text(d: Digest) -> str:
    """Win rate, deal size, cycle, velocity, qualification and conversion over the window."""
    m = d.metrics
    cycle, velocity = cycle_and_velocity(m)
    lines = [
        f"*Last {m.window_days} days*",
        f"Win rate {percent(m.win_rate)} ({m.won:,} won, {m.lost:,} lost) · "
        f"average deal {amounts(m.avg_size)} · cycle {cycle}",
        f"Sales velocity {velocity} · qualified {percent(m.qualification_rate)} "
        f"({m.qualified:,} of {plural(m.created, 'new deal')})",
    ]
    steps = [
        f"{escape(s.from_name)} → {escape(s.to_name)} {percent(s.rate)} "
        f"({s.reached_to:,}/{s.reached_from:,})"
        for s in m.steps
        if s.reached_from
    ]
    if steps:
        lines += ["Conversion:", *steps]
    return fit(lines[0], lines[1:], len(lines) - 1, LIST_MORE)


def filters_line(d: Digest) -> str | None:
    """Which deals this digest counts, when it is narrowed."""
    f, parts = d.filters, []
    if f.owner:
        parts.append(f"owned by <@{f.owner}>")
    if f.stage_key:
        parts.append(f"in stage `{escape(f.stage_key)}`")
    if d.unknown_team:
        parts.append("of a sales team that no longer exists (none counted)")
    elif d.team_name is not None:
        parts.append(f"of team *{escape(d.team_name)}* (its sellers' and manager's)")
    bounds = [(f.min_value_minor, "at least"), (f.max_value_minor, "at most")]
    worth = [f"{w} {format_money(Money(v, d.currency))}" for v, w in bounds if v is not None]
    if worth:
        least = "worth " + " and ".join(worth)
        least += " (converted at your rates)" if d.min_converted else ""
        if d.min_left_out:
            least += f"; deals in {', '.join(d.min_left_out)} are left out: no rate to compare"
        parts.append(least)
    if not parts:
        return None
    return "Deals " + ", ".join(parts) + (". Metrics count every stage." if f.stage_key else ".")


def digest_blocks(d: Digest, *, late_note: str | None = None) -> list[dict]:
    """The digest message; `late_note` (app mrkdwn) says why it comes late."""
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Pipeline digest"}}
    ]
    blocks += [context(f"⏰ {late_note}")] if late_note else []
    blocks.append(text(headline(d)))
    blocks += [context(x) for x in (change_line(d), currency_note(d), filters_line(d)) if x]
    blocks += [
        {"type": "divider"},
        text(pipeline_text(d)),
        {"type": "divider"},
        *map(text, since_texts(d)),
        {"type": "divider"},
    ]
    blocks += [text(x) for x in attention_texts(d)]
    blocks += [{"type": "divider"}, text(metrics_text(d))]
    blocks += [text(x) for x in standings_texts(d)]
    return blocks[:MESSAGE_BLOCKS]


def digest_text(d: Digest) -> str:
    """The digest as text: the notification's fallback and `dealbot digest --print`."""
    parts = [
        "Pipeline digest",
        headline(d),
        change_line(d),
        currency_note(d),
        filters_line(d),
        pipeline_text(d),
        *since_texts(d),
        *attention_texts(d),
        metrics_text(d),
        *standings_texts(d),
    ]
    return "\n\n".join(p for p in parts if p)
