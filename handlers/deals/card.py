"""The deal card: what the deal is, where it stands, and its buttons. Pure builders."""

from bot.deals.service import DealView
from bot.deals.vocab import SOURCES
from bot.runtime.links import deal_link
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context
from handlers.kit.ids import Action, Block
from handlers.kit.metadata import DealAt, MoveValue
from handlers.kit.mrkdwn import escape
from storage.models import Stage

HEADER_MAX = 150  # Slack's limit on a header's text
OPTION_MAX = 75  # Slack's limit on an option's text
OPTIONS_MAX = 100  # Slack's limit on a select's options
FIELDS_MAX = 10  # Slack's limit on a section's fields


def next_stage(v: DealView) -> Stage | None:
    """The open stage after the deal's, or None."""
    open_stages = [s for s in v.stages if s.kind == "open"]
    if v.stage not in open_stages:
        return None
    i = open_stages.index(v.stage)
    return open_stages[i + 1] if i + 1 < len(open_stages) else None


def stage_menu(number: int, from_stage: int, stages: list[Stage], placeholder: str) -> dict | None:
    """A menu of the other open stages; each option carries the stage it expects to leave."""
    options = [
        {
            "text": {"type": "plain_text", "text": s.name[:OPTION_MAX]},
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
        "options": options[:OPTIONS_MAX],
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
    title = f"#{d.number} {d.name}"[:HEADER_MAX]
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": title}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields[:FIELDS_MAX]]},
    ]
    if v.collaborators:
        blocks.append(context("With " + ", ".join(fmt.user(u) for u in v.collaborators)))
    if v.last:
        names = {s.id: s.name for s in v.stages}
        blocks.append(context(f"Last: {fmt.activity(v.last, names)} · {fmt.when(v.last.at)}"))
    if d.archived_at is not None:
        blocks.append(context(f"🗄 Archived: `/deal restore {d.number}` brings it back."))
    link = deal_link(d.team_id, d.number)  # with DEALBOT_PUBLIC_URL only
    if link:
        blocks.append(context(f"🔗 Link to this deal: <{link}>"))
    blocks.append(card_actions(v))
    return blocks
