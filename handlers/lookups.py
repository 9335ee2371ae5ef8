"""/deal list and /deal show."""

from bot import deals, listing
from handlers import blocks, cards
from handlers.context import Ctx, Reply
from storage import queries
from storage.db import session_scope


def list_deals(ctx: Ctx, rest: str) -> Reply:
    """/deal list [mine|all|<stage>|@user] [page N]."""
    scope, offset = listing.split_page(rest)
    with session_scope() as s:
        page = listing.deals_page(session=s, team_id=ctx.team_id, viewer=ctx.user_id,
                                  scope=scope, offset=offset)
    return Reply(text=page.title, blocks=blocks.list_blocks(page))


def show(ctx: Ctx, rest: str) -> Reply:
    """/deal show <deal>."""
    if not rest:
        return Reply(text="Which deal? Try `/deal show 12` or `/deal show acme`.")
    with session_scope() as s:
        deal = deals.get(session=s, team_id=ctx.team_id, ref=rest)
        view = deals.view(session=s, deal=deal)
        history = queries.history(session=s, team_id=ctx.team_id, deal_id=deal.id)
    return Reply(text=cards.card_text(view), blocks=blocks.show_blocks(view, history))
