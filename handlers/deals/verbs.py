"""/deal archive, /deal restore and /deal undo: the everyday verbs."""

from bot.deals import archive as archiving
from bot.deals import undo as undoing
from bot.i18n import _
from bot.pipeline.templates import local_name
from handlers.deals.verb_words import undone_what
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from storage.db import session_scope


def archive_command(ctx: Ctx, rest: str) -> Reply:
    """/deal archive <deal>."""
    if not rest.strip():
        return Reply(text=_("Which deal? Try `/deal archive 12`."))
    with session_scope() as s:
        v = archiving.archive(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=rest)
    return Reply(
        text=_(
            "Archived {deal}: it has left lists, Home, digests and nudges. "
            "`/deal restore {number}` brings it back."
        ).format(deal=fmt.deal_title(v.deal), number=v.deal.number)
    )


def restore_command(ctx: Ctx, rest: str) -> Reply:
    """/deal restore <deal>."""
    if not rest.strip():
        return Reply(text=_("Which deal? Try `/deal restore 12`."))
    with session_scope() as s:
        v = archiving.restore(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=rest)
    return Reply(
        text=_("Restored {deal}, at {stage}.").format(
            deal=fmt.deal_title(v.deal), stage=local_name(v.stage.name)
        )
    )


def undo_command(ctx: Ctx, rest: str) -> Reply:
    """/deal undo: your own last change, within a few minutes."""
    if rest.strip():
        return Reply(
            text=_("`/deal undo` takes back your own last change; it needs no more words.")
        )
    with session_scope() as s:
        v, last = undoing.undo(session=s, team_id=ctx.team_id, actor=ctx.user_id)
    what, deal = undone_what(last), fmt.deal_title(v.deal)
    if last.kind in undoing.STAGE_KINDS:
        return Reply(
            text=_("Undone: {what} on {deal}. It is at {stage} again.").format(
                what=what, deal=deal, stage=local_name(v.stage.name)
            )
        )
    return Reply(text=_("Undone: {what} on {deal}.").format(what=what, deal=deal))
