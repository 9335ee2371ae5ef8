"""The Home tab: my deals by stage. Pure: MyDeals in, a `home` view out."""

from bot.common.money import Money, format_money
from bot.deals.service import DealView
from bot.home.service import MyDeals, StageGroup
from handlers.deals.card import next_stage
from handlers.digests.currencies import converted, kept_apart
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.ids import Action
from handlers.kit.layout import VIEW_BLOCKS, deal_line, plural
from handlers.kit.metadata import MoveValue
from handlers.kit.mrkdwn import escape

HINT = "You have no open deals. Create one with `/deal new Acme Corp 12k`."
MORE = "and {n} more: `/deal list mine`"


def money_sum(amounts: list[Money]) -> str:
    """`$24,000 + €4,500`: a total per currency."""
    return " + ".join(format_money(m) for m in amounts)


def summary(my: MyDeals) -> str:
    """The one-line summary: how many open deals, their value, the weighted forecast."""
    if not my.count:
        return HINT
    parts = [f"*{plural(my.count, 'open deal')}*"]
    if my.totals:
        parts.append(money_sum(my.totals) + converted(my.totals_converted))
    if my.forecast:
        parts.append(f"weighted forecast {money_sum(my.forecast)}")
        parts[-1] += converted(my.forecast_converted)
    return " · ".join(parts)


def currency_note(my: MyDeals) -> list[dict]:
    """The digests' note when totals keep currencies apart for want of a rate, or nothing."""
    if not my.no_rate or len(my.totals) < 2:
        return []
    return [context(kept_apart(my.no_rate))]


def group_heading(g: StageGroup) -> str:
    """`*Proposal received* · 3 deals · $24,000 + €4,500`."""
    parts = [f"*{escape(g.stage.name)}*", plural(g.count, "deal")]
    if g.totals:
        parts.append(money_sum(g.totals))
    return " · ".join(parts)


def my_line(v: DealView, my: MyDeals) -> str:
    """One of my deals: number, name, value, owner if not me, days in stage, quiet flag."""
    d = v.deal
    return deal_line(
        f"*{fmt.deal_title(d)}*",
        fmt.value(d, short=True),
        f"owner {fmt.user(d.owner_id)}" if d.owner_id != my.user_id else None,
        f"{fmt.days_since(d.stage_changed_at, my.now)}d in stage",
        f"⚠ quiet for {my.quiet[d.id]} days" if d.id in my.quiet else None,
    )


def deal_buttons(v: DealView) -> dict:
    """Advance (the same value as the card's button, so the move handler takes it) and Show."""
    elements = []
    nxt = next_stage(v)
    if nxt:
        move = MoveValue(deal=v.deal.number, frm=v.stage.id, to=nxt.id).dump()
        elements.append(button(f"Advance to {nxt.name}", Action.advance, move, "primary"))
    elements.append(button("Show", Action.show, str(v.deal.number)))
    return {"type": "actions", "elements": elements}


def closed_line(v: DealView, my: MyDeals) -> str:
    """A deal won or lost lately."""
    d = v.deal
    mark = "✅" if v.stage.kind == "won" else "✖"
    days = fmt.days_since(d.stage_changed_at, my.now)
    ago = "today" if days == 0 else f"{plural(days, 'day')} ago"
    where = f"{escape(v.stage.name)} {ago}"
    return f"{mark} *{fmt.deal_title(d)}* · {fmt.value(d, short=True)} · {where}"


def closed_blocks(my: MyDeals) -> list[dict]:
    """The recently closed section, or nothing."""
    if not my.closed:
        return []
    lines = [closed_line(v, my) for v in my.closed]
    return [{"type": "divider"}, text("*Closed in the last 30 days*\n" + "\n".join(lines))]


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
    top: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": "My deals"}}]
    if notice:
        top.append(text(notice))
    top += offer or []  # a refusal's way forward, with its own text (Qualify now / Move anyway)
    if expanded:
        back = button("Back to my deals", Action.home_refresh, "back")
        top += [{"type": "actions", "elements": [back]}, *expanded[: VIEW_BLOCKS // 2]]
        top.append({"type": "divider"})
    top += [text(summary(my)), *currency_note(my), {"type": "divider"}]
    tail = closed_blocks(my)
    budget = VIEW_BLOCKS - len(top) - len(tail) - 1  # one for "and N more"
    groups, shown = group_blocks(my, budget)
    if shown < my.count:
        groups.append(context(MORE.format(n=my.count - shown)))
    return {"type": "home", "blocks": [*top, *groups, *tail]}
