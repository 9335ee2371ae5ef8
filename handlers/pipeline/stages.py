"""/deal stages: the workspace's pipeline, and switching it to another template."""

import logging

from bot.pipeline import stages
from bot.pipeline.stages import PipelineInfo, StageCount, Switch
from bot.pipeline.templates import TEMPLATES
from bot.qualification.rule import rule_text
from bot.workspaces.service import ensure_workspace
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.blocks import context, text
from handlers.kit.context import Ctx, Reply
from handlers.kit.layout import MESSAGE_BLOCKS, pack, plural
from handlers.pipeline.words import template_list
from storage.db import session_scope

log = logging.getLogger("dealbot")


def usage() -> str:
    """How /deal stages is used."""
    return (
        "Use `/deal stages` to see the pipeline, or `/deal stages use inbound` to switch it "
        f"to another template. The templates are: {template_list(list(TEMPLATES))}."
    )


def stages_command(ctx: Ctx, rest: str) -> Reply:
    """/deal stages [use <template>]."""
    words = parse.unescape(rest).split()
    if not words:
        with session_scope() as s:
            info = stages.pipeline(session=s, team_id=ctx.team_id)
            ws = ensure_workspace(session=s, team_id=ctx.team_id)
            rule = rule_text(ws.qualify_threshold, ws.strict_qualification)
        rule_block = context(f"*Qualification:* {rule} Change it with `/deal qualify-rule`.")
        return Reply(
            text=f"Your pipeline: {info.template} template",
            blocks=[*pipeline_blocks(info), rule_block][:MESSAGE_BLOCKS],
        )
    if words[0].casefold() != "use" or len(words) != 2:
        return Reply(text=usage(), blocks=[text(usage())])
    with session_scope() as s:
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
