"""The stage editor in Slack: `/deal stages edit` (and its button) opens it; the form saves.

Also the text forms of single changes (`/deal stages rename 3 Demo held`, `probability`,
`quiet`, `remove`) and `/deal stages history`. Who may edit is decided in bot.pipeline.editor.
"""

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.i18n import N_, _
from bot.pipeline import edit_one, editor, stages
from bot.pipeline.editor import FormErrors
from handlers.deals.buttons import teller
from handlers.deals.submissions import after_submit
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.blocks import text
from handlers.kit.context import Ctx, Reply
from handlers.kit.forms import refusal
from handlers.kit.ids import StageEdit
from handlers.kit.inbound import team_of, trigger_of
from handlers.kit.layout import MESSAGE_BLOCKS, pack
from handlers.kit.metadata import ModalMeta
from handlers.kit.units import one_unit
from handlers.pipeline.editor_blocks import (
    EditorMeta,
    block,
    change_line,
    changes_text,
    editor_modal,
    forms_from,
)
from storage.db import session_scope

HISTORY = 20
VERBS = ("rename", "probability", "quiet", "remove")  # one change by text command
SET_USAGE = N_(
    "Try `/deal stages edit` for the editor, or one change: `/deal stages rename 3 Demo held`, "
    "`/deal stages probability 3 40`, `/deal stages quiet 3 10` (`default` for the default) or "
    "`/deal stages remove 3` (3 is the stage's number in `/deal stages`, or its key)."
)


def edit_command(ctx: Ctx, rest: str) -> Reply:
    """/deal stages edit: open the editor (an admin's)."""
    with session_scope() as s:
        ed = editor.editor(session=s, team_id=ctx.team_id, actor=ctx.user_id)
    form = editor_modal(ed, ctx.channel_id)
    return Reply(after=lambda: ctx.client.views_open(trigger_id=ctx.trigger_id, view=form))


def history_command(ctx: Ctx, rest: str) -> Reply:
    """/deal stages history: the latest pipeline edits, who and when."""
    with session_scope() as s:
        changes = editor.recent(session=s, team_id=ctx.team_id, limit=HISTORY)
        names = stage_names(s, ctx.team_id)
    if not changes:
        return Reply(
            text=_("Nobody has edited the stages yet. `/deal stages edit` opens the editor.")
        )
    lines = [f"{fmt.when(c.at)} {change_line(c, names)}" for c in changes]
    blocks = [text(t) for t in pack([_("*Pipeline changes*, newest first"), *lines])]
    return Reply(text=_("Pipeline changes"), blocks=blocks[:MESSAGE_BLOCKS])


def set_command(ctx: Ctx, verb: str, words: list[str]) -> Reply:
    """/deal stages rename|probability|quiet|remove <stage> [value]."""
    wanted = 1 if verb == "remove" else 2
    if len(words) < wanted or (verb != "rename" and len(words) > wanted):
        return Reply(text=_(SET_USAGE))
    with session_scope() as s:
        changes = edit_one.set_one(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            verb=verb,
            ref=words[0],
            value=" ".join(words[1:]),
        )
        names = stage_names(s, ctx.team_id)
    if not changes:
        return Reply(text=_("That is how it is already; nothing was changed."))
    return Reply(
        text=_("Saved: {changes}. See `/deal stages`.").format(changes=changes_text(changes, names))
    )


def stage_names(s: Session, team_id: str) -> dict[int, str]:
    """Every active stage's current name by id."""
    info = stages.pipeline(session=s, team_id=team_id)
    return {c.stage.id: c.stage.name for c in info.stages}


def on_open(
    ack: Ack, body: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """The Edit stages button on `/deal stages`: open the editor."""
    ack()
    team_id = team_of(context)
    tell = teller(body, respond, client, team_id)
    try:
        trigger = trigger_of(body)
        ed = one_unit(lambda s: editor.editor(session=s, team_id=team_id, actor=body["user"]["id"]))
        client.views_open(trigger_id=trigger, view=editor_modal(ed, context.channel_id))
    except Exception as exc:
        tell(errors.describe(exc))


def on_submit(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    """Save the edit whole, or show each wrong field's error in the form (nothing saved)."""
    team_id, user_id = team_of(context), body["user"]["id"]
    try:
        meta = EditorMeta.load(view.get("private_metadata"))
        forms = forms_from(view)

        def save(s: Session) -> tuple:
            done = editor.apply(
                session=s, team_id=team_id, actor=user_id, forms=forms, seen=meta.seen
            )
            return done, stage_names(s, team_id)

        changes, names = one_unit(save)
    except FormErrors as exc:
        shown = {block(*k.split(":")): errors.words(e) for k, e in exc.errors.items()}
        ack(**refusal(view, shown, client))
        return
    except Exception as exc:  # a refusal of the whole edit goes under its first field
        ack(**refusal(view, {"": errors.describe(exc)}, client))
        return
    ack()
    said = (
        _("Saved: {changes}. See `/deal stages`.").format(changes=changes_text(changes, names))
        if changes
        else _("You changed nothing in the stages, so nothing was saved.")
    )
    after_submit(client, ModalMeta(channel=meta.channel), user_id, said)


def register(app: App) -> None:
    """Register the editor's button and form."""
    app.action(StageEdit.open)(on_open)
    app.view(StageEdit.modal)(on_submit)
