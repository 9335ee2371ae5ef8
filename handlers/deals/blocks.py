"""Lists of deals and a shown deal with its history. Pure builders: data in, blocks out."""

from bot.deals.listing import PAGE as LIST_PAGE
from bot.deals.listing import Page
from bot.deals.service import DealView
from bot.i18n import _, n_
from bot.pipeline.templates import local_name
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
        _("{days}d in stage").format(days=fmt.days_since(d.stage_changed_at))
        if quiet_days is None
        else n_("quiet for {n} day", "quiet for {n} days", quiet_days).format(n=quiet_days)
    )
    return layout.deal_line(
        f"*{fmt.deal_title(d)}*",
        fmt.value(d, short=True),
        escape(local_name(v.stage.name)),
        fmt.user(d.owner_id),
        days,
    )


def list_title(page: Page) -> str:
    """What a list of deals shows: `Open deals`, `Deals at Proposal received`, a person's."""
    if page.kind == "owner":
        return _("Open deals of {owner}").format(owner=fmt.user(page.owner))
    if page.kind == "stage":
        return _("Deals at {stage}").format(stage=escape(local_name(page.stage or "")))
    if page.kind == "team":
        return _("Open deals of team {team}").format(team=escape(page.team or ""))
    if page.kind == "mine":
        return _("My open deals")
    if page.kind == "all":
        return _("All deals")
    if page.kind == "stale":
        return _("Quiet deals")
    return _("Open deals")


def empty_line(page: Page) -> str:
    """Why a page of a list shows no deals, in the words of the list asked for."""
    if page.total:
        pages = -(-page.total // LIST_PAGE)
        on_pages = n_("on {n} page", "on {n} pages", pages).format(n=pages)
        return n_(
            "There is no page {page}: this list has {n} deal {on_pages}.",
            "There is no page {page}: this list has {n} deals {on_pages}.",
            page.total,
        ).format(page=page.offset // LIST_PAGE + 1, n=page.total, on_pages=on_pages)
    if page.kind == "stale":
        return _(
            "No quiet deals: every open deal has moved within its stage's limit or is snoozed."
        )
    if page.kind == "stage":
        return _("No deals at {stage}.").format(stage=escape(local_name(page.stage or "")))
    if page.kind == "owner":
        return _("{owner} has no open deals.").format(owner=fmt.user(page.owner))
    if page.kind == "team":
        return _("Team {team} has no open deals (its sellers' and manager's).").format(
            team=escape(page.team or "")
        )
    if page.kind == "mine":
        return _("You have no open deals. Create one with `/deal new Acme Corp 12k`.")
    return _("No deals yet. Create one with `/deal new Acme Corp 12k`.")


def list_blocks(page: Page) -> list[dict]:
    """A page of deals, one line each, grouped into sections under Slack's limits."""
    title = list_title(page)
    if not page.views:
        return [text(f"*{title}*\n{empty_line(page)}")]
    total = page.total
    count = n_("{n} deal", "{n} deals", total).format(n=total)
    blocks = [text(f"*{title}* · {count}")]
    lines = [deal_line(v, page.quiet_days.get(v.deal.id)) for v in page.views]
    blocks += [text(t) for t in layout.pack(lines)]
    shown_to = page.offset + len(page.views)
    if shown_to < total:
        showing = _("Showing {first}–{last} of {total}.")
        blocks.append(context(showing.format(first=page.offset + 1, last=shown_to, total=total)))
        value = f"{shown_to}|{page.scope}"
        blocks.append(
            {"type": "actions", "elements": [button(_("Next page"), Action.list_page, value)]}
        )
    return blocks[: layout.MESSAGE_BLOCKS]


def history_sections(lines: list[str], budget: int) -> list[dict]:
    """History lines (oldest first) packed into sections; the newest kept within `budget`."""
    sections = [text(t) for t in layout.pack(lines)]
    if len(sections) > budget:
        keep = max(0, budget - 1)
        older = context(_("Older entries are not shown."))
        sections = [older, *sections[-keep:]] if keep else [older]
    return sections


def show_blocks(
    v: DealView, history: list[Activity], people: list[dict] | None = None, page: int = 0
) -> list[dict]:
    """The card, its stakeholders, and one page of history (page 0 is the newest)."""
    out = [*deal_card(v), *(people or []), {"type": "divider"}]
    end = len(history) - page * HISTORY_PAGE
    shown = history[max(0, end - HISTORY_PAGE) : max(0, end)]
    older = end - HISTORY_PAGE > 0
    title = (
        _("*History*") if page == 0 else _("*History*, page {page} (older)").format(page=page + 1)
    )
    names = {s.id: s.name for s in v.stages}  # a renamed stage by its current name
    lines = [f"{fmt.when(a.at)} {fmt.activity(a, names)}" for a in shown]
    out += [text(title), *history_sections(lines, layout.MESSAGE_BLOCKS - len(out) - 2)]
    if older:
        value = f"{v.deal.number}:{page + 1}"
        older_button = button(_("Older entries"), Action.history_page, value)
        out.append({"type": "actions", "elements": [older_button]})
    return out[: layout.MESSAGE_BLOCKS]
