"""The deal card: what the deal is, where it stands, and its buttons. Pure builders."""

from bot.deals.service import DealView
from bot.deals.vocab import SOURCES
from bot.i18n import _
from bot.pipeline.templates import local_name
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
                button(_("Reopen"), Action.reopen, at),
                button(_("Add note"), Action.add_note, at),
            ],
        }
    elements = []
    nxt = next_stage(v)
    if nxt:
        move = MoveValue(deal=d.number, frm=v.stage.id, to=nxt.id).dump()
        label = _("Advance to {stage}").format(stage=local_name(nxt.name))
        elements.append(button(label, Action.advance, move, "primary"))
    menu = stage_menu(d.number, v.stage.id, v.stages, _("Move to stage…"))
    if menu:
        elements.append(menu)
    elements += [
        button(_("Qualify") if not v.bant else _("Re-qualify"), Action.qualify, at),
        button(_("Won"), Action.won, at),
        button(_("Lost"), Action.lost, at, "danger"),
        button(_("Add note"), Action.add_note, at),
        button(_("Tag teammates"), Action.tag, at),
        button(_("Add contact"), Action.add_contact, at),
    ]
    return {"type": "actions", "block_id": block_id, "elements": elements}


def history_line(v: DealView) -> str:
    """Who created the deal and when, then its newest change: a new deal's thread has no
    line of its own creation (bot/deals/effects.py), so the card keeps it."""
    d = v.deal
    created = _("Created by {who} · {when}").format(
        who=fmt.user(d.created_by), when=fmt.when(d.created_at)
    )
    if v.last is None or v.last.kind == "created":
        return created
    names = {s.id: s.name for s in v.stages}
    last = fmt.activity(v.last, names)
    change = _("Last: {change} · {when}").format(change=last, when=fmt.when(v.last.at))
    return f"{created}\n{change}"


def deal_card(v: DealView) -> list[dict]:
    """The deal's card: what it is, where it stands, and what to do next."""
    d = v.deal
    source = _(SOURCES[d.source]) if d.source in SOURCES else d.source
    fields = [
        _("*Company*\n{company}").format(company=escape(v.company) if v.company else "–"),
        _("*Value*\n{value}").format(value=fmt.value(d)),
        _("*Stage*\n{stage}").format(stage=fmt.stage_place(v)),
        _("*Owner*\n{owner}").format(owner=fmt.user(d.owner_id)),
        _("*Source*\n{source}").format(source=escape(source) if d.source else "–"),
        _("*Expected close*\n{day}").format(day=fmt.day(d.close_date)),
        _("*Next step*\n{step}").format(step=escape(d.next_step) if d.next_step else "–"),
    ]
    if v.bant:
        fields.append(_("*Qualification*\n{bant}").format(bant=escape(v.bant)))
    if v.stage.kind == "lost" and d.lost_reason:
        reason = escape(fmt.lost_reason(d.lost_reason))
        fields.append(_("*Lost because*\n{reason}").format(reason=reason))
    title = f"#{d.number} {d.name}"[:HEADER_MAX]
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": title}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields[:FIELDS_MAX]]},
    ]
    if v.collaborators:
        people = ", ".join(fmt.user(u) for u in v.collaborators)
        blocks.append(context(_("With {people}").format(people=people)))
    blocks.append(context(history_line(v)))
    if d.archived_at is not None:
        archived = _("🗄 Archived: `/deal restore {number}` brings it back.")
        blocks.append(context(archived.format(number=d.number)))
    link = deal_link(d.team_id, d.number)  # with DEALBOT_PUBLIC_URL only
    if link:
        blocks.append(context(_("🔗 Link to this deal: <{link}>").format(link=link)))
    blocks.append(card_actions(v))
    return blocks
