"""The digest's attention, metrics and filter sections, and a deal's line. Pure text."""

from bot.common.money import Money, format_money, format_short
from bot.digests.digest import DealLine, Digest
from bot.i18n import N_, _, n_
from bot.pipeline.templates import local_name
from handlers.digests.lines import amounts, cycle_and_velocity, fit, number, percent, tenths
from handlers.kit.layout import SECTION_TEXT, clip, deal_line, pack
from handlers.kit.mrkdwn import escape

NAME_MAX = 60  # characters of a deal name shown in a list line
STALE_MORE = N_("see `/deal list stale`")
LIST_MORE = N_("see `/deal list`")


def listed_line(x: DealLine, extra: str | None = None) -> str:
    """`#12 Acme Corp · $12k · <detail> · <extra> · @owner`, user text escaped."""
    value = None if x.value is None else format_short(x.value)
    facts = [escape(p) for p in (x.detail, extra) if p]
    return deal_line(
        f"#{x.number} {escape(clip(x.name, NAME_MAX))}", value, *facts, f"<@{x.owner_id}>"
    )


def attention_texts(d: Digest) -> list[str]:
    """Stale deals, deals past their close date, and the bottleneck stage."""
    stale = [listed_line(x, quiet(x.days or 0)) for x in d.stale.items]
    late = [listed_line(x, late_by(x.days or 0)) for x in d.overdue.items]
    out = [
        fit(
            _("*Needs attention*") + "\n" + _("*Stale:* {n}").format(n=number(d.stale.count)),
            stale,
            d.stale.count,
            _(STALE_MORE),
        ),
        fit(
            _("*Past expected close:* {n}").format(n=number(d.overdue.count)),
            late,
            d.overdue.count,
            _(LIST_MORE),
        ),
    ]
    b = d.bottleneck
    if b:
        longest = [listed_line(x, there(x.days or 0)) for x in b.deals]
        head = _(
            "*Bottleneck:* {stage}: deals there now {now} days on average, "
            "usually {usual} ({times}×)"
        ).format(
            stage=escape(b.stage),
            now=tenths(b.now_days),
            usual=tenths(b.usual_days),
            times=tenths(b.now_days / b.usual_days),
        )
        out.append(fit(head, longest, len(longest), _(LIST_MORE)))
    return pack(out, SECTION_TEXT)


def quiet(days: int) -> str:
    """`quiet 12 days`: how long a stale deal has been quiet."""
    return n_("quiet {n} day", "quiet {n} days", days).format(n=number(days))


def late_by(days: int) -> str:
    """`3 days late`: how far past its expected close a deal is."""
    return n_("{n} day late", "{n} days late", days).format(n=number(days))


def there(days: int) -> str:
    """`9 days there`: how long a deal has sat in the bottleneck stage."""
    return n_("{n} day there", "{n} days there", days).format(n=number(days))


def metrics_text(d: Digest) -> str:
    """Win rate, deal size, cycle, velocity, qualification and conversion over the window."""
    m = d.metrics
    cycle, velocity = cycle_and_velocity(m)
    lines = [
        n_("*Last {n} day*", "*Last {n} days*", m.window_days).format(n=number(m.window_days)),
        _("Win rate {rate} ({won} won, {lost} lost) · average deal {size} · cycle {cycle}").format(
            rate=percent(m.win_rate),
            won=number(m.won),
            lost=number(m.lost),
            size=amounts(m.avg_size),
            cycle=cycle,
        ),
        n_(
            "Sales velocity {velocity} · qualified {rate} ({qualified} of {n} new deal)",
            "Sales velocity {velocity} · qualified {rate} ({qualified} of {n} new deals)",
            m.created,
        ).format(
            velocity=velocity,
            rate=percent(m.qualification_rate),
            qualified=number(m.qualified),
            n=number(m.created),
        ),
    ]
    steps = [
        f"{escape(local_name(s.from_name))} → {escape(local_name(s.to_name))} {percent(s.rate)} "
        f"({number(s.reached_to)}/{number(s.reached_from)})"
        for s in m.steps
        if s.reached_from
    ]
    if steps:
        lines += [_("Conversion:"), *steps]
    return fit(lines[0], lines[1:], len(lines) - 1, _(LIST_MORE))


def filters_line(d: Digest) -> str | None:
    """Which deals this digest counts, when it is narrowed."""
    f, parts = d.filters, []
    if f.owner:
        parts.append(_("owned by {user}").format(user=f"<@{f.owner}>"))
    if f.stage_key:
        parts.append(_("in stage `{stage}`").format(stage=escape(f.stage_key)))
    if d.unknown_team:
        parts.append(_("of a sales team that no longer exists (none counted)"))
    elif d.team_name is not None:
        parts.append(
            _("of team *{team}* (its sellers' and manager's)").format(team=escape(d.team_name))
        )
    parts += worth_words(d)
    if not parts:
        return None
    if f.stage_key:
        return _("Deals {filters}. Metrics count every stage.").format(filters=", ".join(parts))
    return _("Deals {filters}.").format(filters=", ".join(parts))


def worth_words(d: Digest) -> list[str]:
    """`worth at least $10,000 and at most $50,000 (converted at your rates)`, or nothing."""
    f = d.filters
    low, high = (
        None if v is None else format_money(Money(v, d.currency))
        for v in (f.min_value_minor, f.max_value_minor)
    )
    if low and high:
        least = _("worth at least {low} and at most {high}").format(low=low, high=high)
    elif low or high:
        least = (_("worth at least {amount}") if low else _("worth at most {amount}")).format(
            amount=low or high
        )
    else:
        return []
    least += " " + _("(converted at your rates)") if d.min_converted else ""
    if d.min_left_out:
        least += _("; deals in {currencies} are left out: no rate to compare").format(
            currencies=", ".join(d.min_left_out)
        )
    return [least]
