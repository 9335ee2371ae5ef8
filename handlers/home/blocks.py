"""The Home tab: my deals by stage. Pure: MyDeals in, a `home` view out."""

from bot.common.money import Money, format_money
from bot.common.numbers import number
from bot.deals.service import DealView
from bot.home.service import MyDeals, StageGroup
from bot.i18n import N_, _, n_
from bot.pipeline.templates import local_name
from handlers.deals.card import next_stage
from handlers.digests.currencies import converted, kept_apart
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.ids import Action
from handlers.kit.layout import VIEW_BLOCKS, deal_line
from handlers.kit.metadata import MoveValue
from handlers.kit.mrkdwn import escape

HINT = N_("You have no open deals. Create one with `/deal new Acme Corp 12k`.")
MORE = N_("and {n} more: `/deal list mine`")


def money_sum(amounts: list[Money]) -> str:
    """`$24,000 + €4,500`: a total per currency."""
    return " + ".join(format_money(m) for m in amounts)


def summary(my: MyDeals) -> str:
    """The one-line summary: how many open deals, their value, the weighted forecast."""
    if not my.count:
        return _(HINT)
    count = n_("{n} open deal", "{n} open deals", my.count).format(n=number(my.count))
    parts = [f"*{count}*"]
    if my.totals:
        parts.append(money_sum(my.totals) + converted(my.totals_converted))
    if my.forecast:
        parts.append(_("weighted forecast {change}").format(change=money_sum(my.forecast)))
        parts[-1] += converted(my.forecast_converted)
    return " · ".join(parts)


def currency_note(my: MyDeals) -> list[dict]:
    """The digests' note when totals keep currencies apart for want of a rate, or nothing."""
    if not my.no_rate or len(my.totals) < 2:
        return []
    return [context(kept_apart(my.no_rate))]


def group_heading(g: StageGroup) -> str:
    """`*Proposal received* · 3 deals · $24,000 + €4,500`."""
    deals = n_("{n} deal", "{n} deals", g.count).format(n=number(g.count))
    parts = [f"*{escape(local_name(g.stage.name))}*", deals]
    if g.totals:
        parts.append(money_sum(g.totals))
    return " · ".join(parts)


def my_line(v: DealView, my: MyDeals) -> str:
    """One of my deals: number, name, value, owner if not me, days in stage, quiet flag."""
    d = v.deal
    return deal_line(
        f"*{fmt.deal_title(d)}*",
        fmt.value(d, short=True),
        _("owner {user}").format(user=fmt.user(d.owner_id)) if d.owner_id != my.user_id else None,
        _("{n}d in stage").format(n=fmt.days_since(d.stage_changed_at, my.now)),
        quiet_for(my.quiet[d.id]) if d.id in my.quiet else None,
    )


def quiet_for(days: int) -> str:
    """`⚠ quiet for 12 days`."""
    return n_("⚠ quiet for {n} day", "⚠ quiet for {n} days", days).format(n=number(days))


def deal_buttons(v: DealView) -> dict:
    """Advance (the same value as the card's button, so the move handler takes it) and Show."""
    elements = []
    nxt = next_stage(v)
    if nxt:
        move = MoveValue(deal=v.deal.number, frm=v.stage.id, to=nxt.id).dump()
        label = _("Advance to {stage}").format(stage=local_name(nxt.name))
        elements.append(button(label, Action.advance, move, "primary"))
    elements.append(button(_("Show"), Action.show, str(v.deal.number)))
    return {"type": "actions", "elements": elements}


def closed_line(v: DealView, my: MyDeals) -> str:
    """A deal won or lost lately."""
    d = v.deal
    mark = "✅" if v.stage.kind == "won" else "✖"
    days = fmt.days_since(d.stage_changed_at, my.now)
    stage = escape(local_name(v.stage.name))
    where = (
        _("{stage} today").format(stage=stage)
        if days == 0
        else n_("{stage} {n} day ago", "{stage} {n} days ago", days).format(
            stage=stage, n=number(days)
        )
    )
    return f"{mark} *{fmt.deal_title(d)}* · {fmt.value(d, short=True)} · {where}"


def closed_blocks(my: MyDeals) -> list[dict]:
    """The recently closed section, or nothing."""
    if not my.closed:
        return []
    lines = [closed_line(v, my) for v in my.closed]
    return [{"type": "divider"}, text(_("*Closed in the last 30 days*") + "\n" + "\n".join(lines))]


def group_blocks(my: MyDeals, budget: int) -> tuple[list[dict], int]:
    """Stage headings and deal lines that fit in `budget` blocks, and how many deals are shown."""
    blocks: list[dict] = []
    shown = 0
    for g in my.groups:
        if not g.deals or len(blocks) + 3 > budget:
            break
        blocks.append(text(group_heading(g)))
        for v in g.deals:
            if len(blocks) + 2 > budget:
                break
            blocks += [text(my_line(v, my)), deal_buttons(v)]
            shown += 1
        if len(g.deals) < g.count:  # the next group's deals were not loaded
            break
    return blocks, shown


def home_view(
    my: MyDeals,
    *,
    expanded: list[dict] | None = None,
    notice: str | None = None,
    offer: list[dict] | None = None,
) -> dict:
    """The Home tab: an optional notice and expanded deal, a summary, my deals, recent closes."""
    top: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": _("My deals")}}]
    if notice:
        top.append(text(notice))
    top += offer or []  # a refusal's way forward, with its own text (Qualify now / Move anyway)
    if expanded:
        back = button(_("Back to my deals"), Action.home_refresh, "back")
        top += [{"type": "actions", "elements": [back]}, *expanded[: VIEW_BLOCKS // 2]]
        top.append({"type": "divider"})
    top += [text(summary(my)), *currency_note(my), {"type": "divider"}]
    tail = closed_blocks(my)
    budget = VIEW_BLOCKS - len(top) - len(tail) - 1  # one for "and N more"
    groups, shown = group_blocks(my, budget)
    if shown < my.count:
        groups.append(context(_(MORE).format(n=number(my.count - shown))))
    return {"type": "home", "blocks": [*top, *groups, *tail]}
