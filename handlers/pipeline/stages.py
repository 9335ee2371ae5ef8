"""/deal stages: the workspace's pipeline, and switching it to another template."""

import logging

from bot.pipeline import stages
from bot.pipeline.editor import recent
from bot.pipeline.stages import PipelineInfo, StageCount, Switch
from bot.pipeline.templates import TEMPLATES
from bot.qualification.rule import rule_text
from bot.teams.access import require_admin
from bot.workspaces.service import ensure_workspace
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.blocks import button, context, text
from handlers.kit.context import Ctx, Reply
from handlers.kit.ids import StageEdit
from handlers.kit.layout import MESSAGE_BLOCKS, pack, plural
from handlers.pipeline import editor
from handlers.pipeline.editor_blocks import change_line
from handlers.pipeline.words import template_list
from storage.db import session_scope
from storage.models import StageChange

log = logging.getLogger("dealbot")


def usage() -> str:
    """How /deal stages is used."""
    return (
        "Use `/deal stages` to see the pipeline, `/deal stages use inbound` to switch it "
        f"to another template (the templates are: {template_list(list(TEMPLATES))}), "
        "`/deal stages edit` to rename, reorder, add or remove stages, or "
        "`/deal stages history` to see who changed them."
    )


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
        rule_block = context(f"*Qualification:* {rule} Change it with `/deal qualify-rule`.")
        changed = [context(last_change(last[0], names))] if last else []
        return Reply(
            text=f"Your pipeline: {info.template} template",
            blocks=[*pipeline_blocks(info), rule_block, *changed, EDIT_BUTTON][:MESSAGE_BLOCKS],
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


EDIT_BUTTON = {
    "type": "actions",
    "elements": [button("Edit stages", StageEdit.open, "edit")],
}


def last_change(c: StageChange, names: dict[int, str]) -> str:
    """`Last change: @ann renamed … · <date>`; `/deal stages history` has the rest."""
    return (
        f"*Last change:* {change_line(c, names)} · {fmt.when(c.at)}. "
        "`/deal stages history` lists more; `/deal stages edit` (admins) changes the stages."
    )


def switch_text(sw: Switch) -> str:
    """What a template switch did: the mapping of stages that had deals, and what stayed."""
    if not sw.changed:
        return f"Your pipeline already uses the *{sw.template}* template. Nothing was changed."
    lines = [f"Your pipeline now uses the *{sw.template}* template (it was {sw.previous})."]
    lines += [
        f"{fmt.escape(m.from_name)} → {fmt.escape(m.to_name)}: {plural(m.deals)}"
        for m in sw.mappings
    ]
    if not sw.mappings:
        lines.append("No deal had to move.")
    kept = plural(sw.kept)
    lines.append(f"{kept} kept {'its' if sw.kept == 1 else 'their'} stage.")
    return "\n".join(lines)


def stage_line(c: StageCount, number: int | None = None) -> str:
    """`1. *Lead qualified* · `qualified` · 10% · 3 deals`."""
    s = c.stage
    head = f"{number}. " if number is not None else ""
    return f"{head}*{fmt.escape(s.name)}* · `{s.key}` · {s.probability}% · {plural(c.deals)}"


def sections(title: str, lines: list[str]) -> list[dict]:
    """A title and lines as sections, each under Slack's section text limit."""
    return [text(t) for t in pack([title, *lines])]


def pipeline_blocks(info: PipelineInfo) -> list[dict]:
    """The pipeline: open stages in order, closing stages, and the templates to switch to."""
    purposes = dict(info.templates)
    intro = f"*Your pipeline* uses the *{info.template}* template: {purposes[info.template]}."
    opens = [stage_line(c, i) for i, c in enumerate(info.open(), 1)]
    closing = [stage_line(c) for c in info.closing()]
    templates = [
        f"`/deal stages use {name}` · {what}" + (" *(in use)*" if name == info.template else "")
        for name, what in info.templates
    ]
    blocks = [
        text(intro),
        *sections("*Open stages*, in order", opens),
        *sections("*Closing stages*", closing),
        {"type": "divider"},
        *sections("*Templates*: switch with", templates),
        context(
            "Switching keeps every deal and its history: stages the new template lacks are "
            "retired, and their deals move to the nearest stage."
        ),
    ]
    return blocks[:MESSAGE_BLOCKS]
