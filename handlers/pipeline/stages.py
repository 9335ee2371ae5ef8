"""/deal stages: the workspace's pipeline, and switching it to another template."""

import logging

from bot.common.numbers import number, percent
from bot.i18n import _, n_
from bot.pipeline import stages
from bot.pipeline.editor import recent
from bot.pipeline.stages import PipelineInfo, StageCount, Switch
from bot.pipeline.templates import TEMPLATES, local_name
from bot.qualification.rule import rule_text
from bot.teams.access import require_admin
from bot.workspaces.service import ensure_workspace
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.context import Ctx, Reply
from handlers.kit.ids import StageEdit
from handlers.kit.layout import MESSAGE_BLOCKS, pack
from handlers.pipeline import editor
from handlers.pipeline.editor_blocks import change_line
from handlers.pipeline.words import template_list
from storage.db import session_scope
from storage.models import StageChange

log = logging.getLogger("dealbot")


def usage() -> str:
    """How /deal stages is used."""
    return _(
        "Use `/deal stages` to see the pipeline, `/deal stages use inbound` to switch it "
        "to another template (the templates are: {templates}), "
        "`/deal stages edit` to rename, reorder, add or remove stages, or "
        "`/deal stages history` to see who changed them."
    ).format(templates=template_list(list(TEMPLATES)))


def stages_command(ctx: Ctx, rest: str) -> Reply:
    """/deal stages [use <template>]."""
    words = parse.unescape(rest).split()
    verb = words[0].casefold() if words else ""
    if verb in ("edit", "history") and len(words) == 1:
        return (editor.edit_command if verb == "edit" else editor.history_command)(ctx, "")
    if verb in editor.VERBS:
        return editor.set_command(ctx, verb, words[1:])
    if not words:
        with session_scope() as s:
            info = stages.pipeline(session=s, team_id=ctx.team_id)
            ws = ensure_workspace(session=s, team_id=ctx.team_id)
            rule = rule_text(ws.qualify_threshold, ws.strict_qualification)
            last = recent(session=s, team_id=ctx.team_id, limit=1)
            names = {c.stage.id: c.stage.name for c in info.stages}
        rule_block = context(
            _("*Qualification:* {rule} Change it with `/deal qualify-rule`.").format(rule=rule)
        )
        changed = [context(last_change(last[0], names))] if last else []
        return Reply(
            text=_("Your pipeline: {template} template").format(template=info.template),
            blocks=[*pipeline_blocks(info), rule_block, *changed, edit_button()][:MESSAGE_BLOCKS],
        )
    if words[0].casefold() != "use" or len(words) != 2:
        return Reply(text=usage(), blocks=[text(usage())])
    with session_scope() as s:
        require_admin(session=s, team_id=ctx.team_id, user_id=ctx.user_id, action="stages")
        switch = stages.use_template(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, template=words[1]
        )
        info = stages.pipeline(session=s, team_id=ctx.team_id)
    summary = switch_text(switch)
    if not switch.changed:
        return Reply(text=summary, blocks=[text(summary)])
    return Reply(
        text=summary,
        blocks=[text(summary), *pipeline_blocks(info)][:MESSAGE_BLOCKS],
    )


def edit_button() -> dict:
    """The Edit stages button under the pipeline."""
    return {"type": "actions", "elements": [button(_("Edit stages"), StageEdit.open, "edit")]}


def last_change(c: StageChange, names: dict[int, str]) -> str:
    """`Last change: @ann renamed … · <date>`; `/deal stages history` has the rest."""
    return _(
        "*Last change:* {change} · {when}. "
        "`/deal stages history` lists more; `/deal stages edit` (admins) changes the stages."
    ).format(change=change_line(c, names), when=fmt.when(c.at))


def switch_text(sw: Switch) -> str:
    """What a template switch did: the mapping of stages that had deals, and what stayed."""
    if not sw.changed:
        return _(
            "Your pipeline already uses the *{template}* template. Nothing was changed."
        ).format(template=sw.template)
    lines = [
        _("Your pipeline now uses the *{template}* template (it was {previous}).").format(
            template=sw.template, previous=sw.previous
        )
    ]
    lines += [
        n_("{frm} → {to}: {n} deal", "{frm} → {to}: {n} deals", m.deals).format(
            frm=fmt.escape(local_name(m.from_name)),
            to=fmt.escape(local_name(m.to_name)),
            n=number(m.deals),
        )
        for m in sw.mappings
    ]
    if not sw.mappings:
        lines.append(_("No deal had to move."))
    lines.append(
        n_("{n} deal kept its stage.", "{n} deals kept their stage.", sw.kept).format(
            n=number(sw.kept)
        )
    )
    return "\n".join(lines)


def stage_line(c: StageCount, place: int | None = None) -> str:
    """`1. *Lead qualified* · `qualified` · 10% · 3 deals`."""
    s = c.stage
    head = f"{place}. " if place is not None else ""
    deals = n_("{n} deal", "{n} deals", c.deals).format(n=number(c.deals))
    name = fmt.escape(local_name(s.name))
    return f"{head}*{name}* · `{s.key}` · {percent(s.probability)} · {deals}"


def sections(title: str, lines: list[str]) -> list[dict]:
    """A title and lines as sections, each under Slack's section text limit."""
    return [text(t) for t in pack([title, *lines])]


def pipeline_blocks(info: PipelineInfo) -> list[dict]:
    """The pipeline: open stages in order, closing stages, and the templates to switch to."""
    purposes = {name: _(what) for name, what in info.templates}
    intro = _("*Your pipeline* uses the *{template}* template: {purpose}.").format(
        template=info.template, purpose=purposes[info.template]
    )
    opens = [stage_line(c, i) for i, c in enumerate(info.open(), 1)]
    closing = [stage_line(c) for c in info.closing()]
    in_use = _(" *(in use)*")
    templates = [
        f"`/deal stages use {name}` · {what}" + (in_use if name == info.template else "")
        for name, what in purposes.items()
    ]
    blocks = [
        text(intro),
        *sections(_("*Open stages*, in order"), opens),
        *sections(_("*Closing stages*"), closing),
        {"type": "divider"},
        *sections(_("*Templates*: switch with"), templates),
        context(
            _(
                "Switching keeps every deal and its history: stages the new template lacks are "
                "retired, and their deals move to the nearest stage."
            )
        ),
    ]
    return blocks[:MESSAGE_BLOCKS]
