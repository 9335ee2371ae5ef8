"""/deal archive, /deal restore and /deal undo: the everyday verbs."""

from bot.deals import archive as archiving
from bot.deals import undo as undoing
from handlers.deals.verb_words import undone_what
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from storage.db import session_scope


def archive_command(ctx: Ctx, rest: str) -> Reply:
    """/deal archive <deal>."""
    if not rest.strip():
        return Reply(text="Which deal? Try `/deal archive 12`.")
    with session_scope() as s:
        v = archiving.archive(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=rest)
    return Reply(
        text=f"Archived {fmt.deal_title(v.deal)}: it has left lists, Home, digests and nudges. "
        f"`/deal restore {v.deal.number}` brings it back."
    )


def restore_command(ctx: Ctx, rest: str) -> Reply:
    """/deal restore <deal>."""
    if not rest.strip():
        return Reply(text="Which deal? Try `/deal restore 12`.")
    with session_scope() as s:
        v = archiving.restore(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=rest)
    return Reply(text=f"Restored {fmt.deal_title(v.deal)}, at {v.stage.name}.")


def undo_command(ctx: Ctx, rest: str) -> Reply:
    """/deal undo: your own last change, within a few minutes."""
    if rest.strip():
        return Reply(text="`/deal undo` takes back your own last change; it needs no more words.")
    with session_scope() as s:
        v, last = undoing.undo(session=s, team_id=ctx.team_id, actor=ctx.user_id)
    return Reply(
        text=f"Undone: {undone_what(last)} on {fmt.deal_title(v.deal)}. "
        f"It is at {v.stage.name} again."
        if last.kind in undoing.STAGE_KINDS
        else f"Undone: {undone_what(last)} on {fmt.deal_title(v.deal)}."
    )
