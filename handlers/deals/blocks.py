"""Lists of deals and a shown deal with its history. Pure builders: data in, blocks out."""

from bot.deals.listing import PAGE as LIST_PAGE
from bot.deals.listing import Page
from bot.deals.service import DealView
from handlers.deals.card import deal_card
from handlers.kit import layout
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.ids import Action
from handlers.kit.mrkdwn import escape
from storage.models import Activity

HISTORY_PAGE = 30  # history entries per page of /deal show


def deal_line(v: DealView, quiet_days: int | None = None) -> str:
    """One deal in a list: number, name, value, stage, owner, and days in stage, or days
    quiet (bot.deals.quiet, as the nudge and digest count them) in a list of quiet deals."""
    d = v.deal
    days = (
        f"{fmt.days_since(d.stage_changed_at)}d in stage"
        if quiet_days is None
        else f"quiet for {quiet_days} day{'' if quiet_days == 1 else 's'}"
    )
    return layout.deal_line(
        f"*{fmt.deal_title(d)}*",
        fmt.value(d, short=True),
        escape(v.stage.name),
        fmt.user(d.owner_id),
        days,
    )


def list_title(page: Page) -> str:
    """What a list of deals shows: `Open deals`, `Deals at Proposal received`, a person's."""
    if page.kind == "owner":
        return f"Open deals of {fmt.user(page.owner)}"
    if page.kind == "stage":
        return f"Deals at {escape(page.stage or '')}"
    if page.kind == "team":
        return f"Open deals of team {escape(page.team or '')}"
    return {
        "mine": "My open deals",
        "all": "All deals",
        "stale": "Quiet deals",
    }.get(page.kind, "Open deals")


def empty_line(page: Page) -> str:
    """Why a page of a list shows no deals, in the words of the list asked for."""
    if page.total:
        pages = -(-page.total // LIST_PAGE)
        return (f"There is no page {page.offset // LIST_PAGE + 1}: this list has {page.total} "
                f"deal{'s' if page.total != 1 else ''} on {pages} page{'s' if pages != 1 else ''}.")
    if page.kind == "stale":
        return "No quiet deals: every open deal has moved within its stage's limit or is snoozed."
    if page.kind == "stage":
        return f"No deals at {escape(page.stage or '')}."
    if page.kind == "owner":
        return f"{fmt.user(page.owner)} has no open deals."
    if page.kind == "team":
        return f"Team {escape(page.team or '')} has no open deals (its sellers' and manager's)."
    if page.kind == "mine":
        return "You have no open deals. Create one with `/deal new Acme Corp 12k`."
    return "No deals yet. Create one with `/deal new Acme Corp 12k`."


def list_blocks(page: Page) -> list[dict]:
    """A page of deals, one line each, grouped into sections under Slack's limits."""
    title = list_title(page)
    if not page.views:
        return [text(f"*{title}*\n{empty_line(page)}")]
    total = page.total
    blocks = [text(f"*{title}* · {total} deal{'s' if total != 1 else ''}")]
    lines = [deal_line(v, page.quiet_days.get(v.deal.id)) for v in page.views]
    blocks += [text(t) for t in layout.pack(lines)]
    shown_to = page.offset + len(page.views)
    if shown_to < total:
        blocks.append(context(f"Showing {page.offset + 1}–{shown_to} of {total}."))
        value = f"{shown_to}|{page.scope}"
        blocks.append(
            {"type": "actions", "elements": [button("Next page", Action.list_page, value)]}
        )
    return blocks[: layout.MESSAGE_BLOCKS]


def history_sections(lines: list[str], budget: int) -> list[dict]:
    """History lines (oldest first) packed into sections; the newest kept within `budget`."""
    sections = [text(t) for t in layout.pack(lines)]
    if len(sections) > budget:
        keep = max(0, budget - 1)
        sections = (
            [context("Older entries are not shown."), *sections[-keep:]]
            if keep
            else [context("Older entries are not shown.")]
        )
    return sections


def show_blocks(
    v: DealView, history: list[Activity], people: list[dict] | None = None, page: int = 0
) -> list[dict]:
    """The card, its stakeholders, and one page of history (page 0 is the newest)."""
    out = [*deal_card(v), *(people or []), {"type": "divider"}]
    end = len(history) - page * HISTORY_PAGE
    shown = history[max(0, end - HISTORY_PAGE) : max(0, end)]
    older = end - HISTORY_PAGE > 0
    title = "*History*" if page == 0 else f"*History*, page {page + 1} (older)"
    names = {s.id: s.name for s in v.stages}  # a renamed stage by its current name
    lines = [f"{fmt.when(a.at)} {fmt.activity(a, names)}" for a in shown]
    out += [text(title), *history_sections(lines, layout.MESSAGE_BLOCKS - len(out) - 2)]
    if older:
        value = f"{v.deal.number}:{page + 1}"
        out.append(
            {"type": "actions", "elements": [button("Older entries", Action.history_page, value)]}
        )
    return out[: layout.MESSAGE_BLOCKS]
