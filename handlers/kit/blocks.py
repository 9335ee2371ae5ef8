"""Block Kit builders for messages. Pure: data in, list of block dicts out."""

from bot.deals.listing import Page
from bot.deals.service import DealView
from bot.deals.vocab import SOURCES
from handlers.kit import text as fmt
from handlers.kit.ids import Action, Block
from handlers.kit.metadata import DealAt, MoveValue
from handlers.kit.mrkdwn import escape
from storage.models import Activity

MAX_BLOCKS = 50  # Slack's limit per message
SECTION_TEXT = 3000  # Slack's limit per section text

HELP = """*dealbot* keeps your pipeline in Slack. A deal is `12`, `#12` or a word of its name.
*Create and find*
`/deal new Acme Corp 12k @bob` a lead in one line (`/deal new` opens the form)
`/deal list` open deals · `list mine` · `list all` · `list proposal` · `list @bob` · `page 2`
`/deal show 12` the card and the whole history
*Move and close*
`/deal move 12 proposal` · `/deal won 12` · `/deal lost 12 price` · `/deal reopen 12`
*Work the deal*
`/deal note 12 called, budget is 20k` · `/deal tag 12 @ann need a security review`
`/deal set 12 value 15k` · `close 2026-12-31` · `owner @bob` · `source referral`
    · `next demo on Friday` · `name Acme renewal`
*Qualify*
`/deal qualify 12` the BANT check · `/deal qualify-rule 3` · `/deal qualify-rule strict on`
*Team*
`/deal contact 12 Ann Lee ann@acme.com CFO` · `/deal account acme` · `/deal notify off`
*Pipeline*
`/deal stages` the stages · `/deal stages use inbound` switch to a template
`/deal help` this help"""


def text(mrkdwn: str) -> dict:
    """A section with mrkdwn text."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn[:SECTION_TEXT]}}


def context(mrkdwn: str) -> dict:
    """A context line."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn[:SECTION_TEXT]}]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    """A button."""
    b = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75], "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        b["style"] = style
    return b


def help_blocks(hint: str | None = None) -> list[dict]:
    """The help, with a one-line hint on top when the user typed something wrong."""
    blocks = [text(hint)] if hint else []
    return [*blocks, text(HELP)]


def next_stage(v: DealView):
    """The open stage after the deal's, or None."""
    open_stages = [s for s in v.stages if s.kind == "open"]
    if v.stage not in open_stages:
        return None
    i = open_stages.index(v.stage)
    return open_stages[i + 1] if i + 1 < len(open_stages) else None


def stage_menu(number: int, from_stage: int, stages: list, placeholder: str) -> dict | None:
    """A menu of the other open stages; each option carries the stage it expects to leave."""
    options = [
        {
            "text": {"type": "plain_text", "text": s.name[:75]},
            "value": MoveValue(deal=number, frm=from_stage, to=s.id).dump(),
        }
        for s in stages
        if s.kind == "open" and s.id != from_stage
    ]
    if not options:
        return None
    return {
        "type": "static_select",
        "action_id": Action.stage_select,
        "placeholder": {"type": "plain_text", "text": placeholder},
        "options": options[:100],
    }


def card_actions(v: DealView) -> dict:
    """The card's buttons; each carries the deal and the stage it expects to leave."""
    d = v.deal
    at = DealAt(deal=d.number, stage=v.stage.id).dump()
    block_id = f"{Block.card_actions}:{d.number}"
    if v.stage.kind != "open":
        return {
            "type": "actions",
            "block_id": block_id,
            "elements": [
                button("Reopen", Action.reopen, at),
                button("Add note", Action.add_note, at),
            ],
        }
    elements = []
    nxt = next_stage(v)
    if nxt:
        move = MoveValue(deal=d.number, frm=v.stage.id, to=nxt.id).dump()
        elements.append(button(f"Advance to {nxt.name}", Action.advance, move, "primary"))
    menu = stage_menu(d.number, v.stage.id, v.stages, "Move to stage…")
    if menu:
        elements.append(menu)
    elements += [
        button("Qualify" if not v.bant else "Re-qualify", Action.qualify, at),
        button("Won", Action.won, at),
        button("Lost", Action.lost, at, "danger"),
        button("Add note", Action.add_note, at),
        button("Tag teammates", Action.tag, at),
        button("Add contact", Action.add_contact, at),
    ]
    return {"type": "actions", "block_id": block_id, "elements": elements}


def deal_card(v: DealView) -> list[dict]:
    """The deal's card: what it is, where it stands, and what to do next."""
    d = v.deal
    fields = [
        f"*Company*\n{escape(v.company) if v.company else '–'}",
        f"*Value*\n{fmt.value(d)}",
        f"*Stage*\n{fmt.stage_place(v)}",
        f"*Owner*\n{fmt.user(d.owner_id)}",
        f"*Source*\n{escape(SOURCES.get(d.source, d.source)) if d.source else '–'}",
        f"*Expected close*\n{fmt.day(d.close_date)}",
        f"*Next step*\n{escape(d.next_step) if d.next_step else '–'}",
    ]
    if v.bant:
        fields.append(f"*Qualification*\n{escape(v.bant)}")
    if v.stage.kind == "lost" and d.lost_reason:
        fields.append(f"*Lost because*\n{escape(d.lost_reason)}")
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"#{d.number} {d.name}"[:150]}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields[:10]]},
    ]
    if v.collaborators:
        blocks.append(context("With " + ", ".join(fmt.user(u) for u in v.collaborators)))
    if v.last:
        blocks.append(context(f"Last: {fmt.activity(v.last)} · {fmt.when(v.last.at)}"))
    blocks.append(card_actions(v))
    return blocks


def deal_line(v: DealView) -> str:
    """One deal in a list: number, name, value, stage, owner, days in stage."""
    d = v.deal
    days = fmt.days_since(d.stage_changed_at)
    return (
        f"*{fmt.deal_title(d)}* · {fmt.value(d, short=True)} · {escape(v.stage.name)} · "
        f"{fmt.user(d.owner_id)} · {days}d in stage"
    )


def list_blocks(page: Page) -> list[dict]:
    """A page of deals, one line each, grouped into sections under Slack's limits."""
    if not page.views:
        return [text(f"*{page.title}*\nNo deals here. Create one with `/deal new Acme Corp 12k`.")]
    total = page.total
    blocks = [text(f"*{page.title}* · {total} deal{'s' if total != 1 else ''}")]
    blocks += [text(t) for t in pack([deal_line(v) for v in page.views])]
    shown_to = page.offset + len(page.views)
    if shown_to < total:
        blocks.append(context(f"Showing {page.offset + 1}–{shown_to} of {total}."))
        value = f"{shown_to}|{page.scope}"
        blocks.append(
            {"type": "actions", "elements": [button("Next page", Action.list_page, value)]}
        )
    return blocks[:MAX_BLOCKS]


HISTORY_PAGE = 30


def pack(lines: list[str], limit: int = SECTION_TEXT - 20) -> list[str]:
    """Lines joined into as few texts as fit Slack's section limit, in order, none empty."""
    texts: list[str] = []
    chunk: list[str] = []
    for line in lines:
        if chunk and sum(len(x) + 1 for x in chunk) + len(line) > limit:
            texts.append("\n".join(chunk))
            chunk = []
        chunk.append(line)
    if chunk:
        texts.append("\n".join(chunk))
    return texts


def history_sections(lines: list[str], budget: int) -> list[dict]:
    """History lines (oldest first) packed into sections; the newest kept within `budget`."""
    sections = [text(t) for t in pack(lines)]
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
    out += [text(title), *history_sections(lines, MAX_BLOCKS - len(out) - 2)]
    if older:
        value = f"{v.deal.number}:{page + 1}"
        out.append(
            {"type": "actions", "elements": [button("Older entries", Action.history_page, value)]}
        )
    return out[:MAX_BLOCKS]
