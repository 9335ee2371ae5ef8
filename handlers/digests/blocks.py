"""The pipeline digest as one Slack message. Pure: a Digest in, blocks or text out."""

from dataclasses import replace

from bot.common.money import Money, format_money
from bot.digests.digest import Digest, Listed, StageRow
from bot.i18n import _, n_
from bot.pipeline.templates import local_name
from handlers.digests.currencies import converted, currency_note
from handlers.digests.lines import amounts, fit, number
from handlers.digests.sections import (
    LIST_MORE,
    attention_texts,
    filters_line,
    listed_line,
    metrics_text,
)
from handlers.digests.standings import standings_texts
from handlers.kit.blocks import context, text
from handlers.kit.layout import (
    MESSAGE_BLOCKS,
    SECTION_TEXT,
    clip,
    pack,
    reader_day,
)
from handlers.kit.mrkdwn import escape
from handlers.kit.text import lost_reason

BAR = 10  # characters of a stage's bar
STAGE_COLUMN = 19  # characters of a stage name in the table; fits a phone's code block


def headline(d: Digest) -> str:
    """Open deals, their value and the weighted forecast, per currency."""
    if d.unknown_stage:
        return _("Stage `{stage}` is no longer in the pipeline.").format(
            stage=escape(d.filters.stage_key or "")
        )
    if not d.open_count:
        return _("*No open deals.* Create one with `/deal new Acme Corp 12k`.")
    count = n_("{n} open deal", "{n} open deals", d.open_count).format(n=number(d.open_count))
    return (
        f"*{count}* · {amounts(d.open_value)}{converted(d.open_converted)}\n"
        + _("Weighted forecast {amount}").format(amount=amounts(d.weighted))
        + converted(d.weighted_converted)
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
    sign = "+" if c.count > 0 else "-"
    shown = sign + number(abs(c.count))
    parts = [n_("{n} open deal", "{n} open deals", abs(c.count)).format(n=shown)] if c.count else []
    parts += [_("open value {change}").format(change=signed(c.value))] if c.value else []
    if c.weighted:
        parts.append(_("weighted forecast {change}").format(change=signed(c.weighted)))
    if not parts:
        return _("No change since {day}").format(day=reader_day(c.since))
    return _("Since {day}: {changes}").format(day=reader_day(c.since), changes=" · ".join(parts))


def bar(count: int, top: int) -> str:
    """`███░░░░░░░`: the count against the largest stage's (a non-empty stage shows one block)."""
    filled = 0 if not count else max(1, round(BAR * count / top))
    return "█" * filled + "░" * (BAR - filled)


def stage_table(rows: list[StageRow]) -> str:
    """Each stage's count and bar, then its value and weighted value, aligned in a code block."""
    top = max((r.count for r in rows), default=0) or 1
    lines = []
    for r in rows:
        name = clip(local_name(r.name), STAGE_COLUMN)
        lines.append(
            f"{escape(name)}{' ' * (STAGE_COLUMN - len(name))} {bar(r.count, top)} "
            f"{number(r.count):>4}"
        )
        if r.count:
            lines.append(
                "  "
                + _("{value} · weighted {weighted}").format(
                    value=amounts(r.value, True), weighted=amounts(r.weighted, True)
                )
            )
    return "```\n" + "\n".join(lines) + "\n```"


def pipeline_text(d: Digest) -> str:
    """The per-stage table and the prospecting call-out; a sentence when no stage is shown."""
    if not d.stages:
        return _("*Pipeline by stage*") + "\n" + _("No open deals match this digest's filters.")
    out = _("*Pipeline by stage*") + f"\n{stage_table(d.stages)}"
    if d.prospecting_low and d.stages:
        first = d.stages[0]
        out += "\n⚠ " + n_(
            "{n} deal in {stage}: more prospecting needed.",
            "{n} deals in {stage}: more prospecting needed.",
            first.count,
        ).format(n=number(first.count), stage=escape(local_name(first.name)))
    return out


def closed_text(title: str, listed: Listed, reasons=None) -> str:
    """`Won: 2 · $40,000` and its deals (`title` is the translated `*Won:* {n}`); for
    losses (`reasons` given) the reasons, picked ones in the reader's language as the card
    shows them."""
    head = title.format(n=number(listed.count))
    if listed.count:
        head += f" · {amounts(listed.value)}"
    if reasons:
        no_reason = _("no reason")
        head += (
            " ("
            + ", ".join(
                f"{escape(lost_reason(r)) if r else no_reason} ×{number(n)}" for r, n in reasons
            )
            + ")"
        )
    items = listed.items
    if reasons is not None:
        items = [replace(x, detail=x.detail and lost_reason(x.detail)) for x in items]
    return fit(head, [listed_line(x) for x in items], listed.count, _(LIST_MORE))


def since_texts(d: Digest) -> list[str]:
    """New leads, moves, wins and losses, and slipped close dates since the last digest."""
    leads = sum(n for __, n in d.new_leads)
    no_source = _("no source")
    by = ", ".join(f"{n} {escape(s) if s else no_source}" for s, n in d.new_leads)
    moves = (
        _("*Since {day}*").format(day=reader_day(d.since))
        + "\n"
        + _("*New leads:* {n}").format(n=number(leads))
        + (f" ({by})" if by else "")
        + "\n"
        + _("*Moves:* {n}").format(n=number(d.moves))
        + (" " + _("({n} forward)").format(n=number(d.forward)) if d.moves else "")
    )
    slips = [listed_line(x) for x in d.slipped.items]
    chunks = [
        fit(moves, [f"↗ {listed_line(x)}" for x in d.notable], len(d.notable), _(LIST_MORE)),
        closed_text(_("*Won:* {n}"), d.won),
        closed_text(_("*Lost:* {n}"), d.lost, d.loss_reasons),
        fit(
            _("*Close dates slipped:* {n}").format(n=number(d.slipped.count)),
            slips,
            d.slipped.count,
            _(LIST_MORE),
        ),
    ]
    return pack(chunks, SECTION_TEXT)


def digest_blocks(d: Digest, *, late_note: str | None = None) -> list[dict]:
    """The digest message; `late_note` (app mrkdwn) says why it comes late."""
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": _("Pipeline digest")}}
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
        _("Pipeline digest"),
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
