"""Lists of deals and a shown deal with its history. Pure builders: data in, blocks out."""

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


def deal_line(v: DealView) -> str:
    """One deal in a list: number, name, value, stage, owner, days in stage."""
    d = v.deal
    days = fmt.days_since(d.stage_changed_at)
    return layout.deal_line(
        f"*{fmt.deal_title(d)}*",
        fmt.value(d, short=True),
        escape(v.stage.name),
        fmt.user(d.owner_id),
        f"{days}d in stage",
    )


def list_title(page: Page) -> str:
    """What a list of deals shows: `Open deals`, `Deals at Proposal received`, a person's."""
    if page.kind == "owner":
        return f"Open deals of {fmt.user(page.owner)}"
    if page.kind == "stage":
        return f"Deals at {escape(page.stage or '')}"
    return {
        "mine": "My open deals",
        "all": "All deals",
        "stale": "Quiet deals",
    }.get(page.kind, "Open deals")


def list_blocks(page: Page) -> list[dict]:
    """A page of deals, one line each, grouped into sections under Slack's limits."""
    title = list_title(page)
    if not page.views:
        return [text(f"*{title}*\nNo deals here. Create one with `/deal new Acme Corp 12k`.")]
    total = page.total
    blocks = [text(f"*{title}* · {total} deal{'s' if total != 1 else ''}")]
    blocks += [text(t) for t in layout.pack([deal_line(v) for v in page.views])]
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
    lines = [f"{fmt.when(a.at)} {fmt.activity(a)}" for a in shown]
    out += [text(title), *history_sections(lines, layout.MESSAGE_BLOCKS - len(out) - 2)]
    if older:
        value = f"{v.deal.number}:{page + 1}"
        out.append(
            {"type": "actions", "elements": [button("Older entries", Action.history_page, value)]}
        )
    return out[: layout.MESSAGE_BLOCKS]
