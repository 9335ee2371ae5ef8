"""/deal list and /deal show."""

from bot.accounts import service as accounts
from bot.deals import listing
from bot.deals import service as deals
from bot.qualification import bant
from handlers.accounts.blocks import people_blocks
from handlers.deals import posting as cards
from handlers.kit import blocks
from handlers.kit.context import Ctx, Reply
from handlers.qualification.blocks import bant_section
from storage import queries
from storage.db import session_scope


def list_deals(ctx: Ctx, rest: str) -> Reply:
    """/deal list [mine|all|<stage>|@user] [page N]."""
    scope, offset = listing.split_page(rest)
    with session_scope() as s:
        page = listing.deals_page(
            session=s, team_id=ctx.team_id, viewer=ctx.user_id, scope=scope, offset=offset
        )
    return Reply(text=page.title, blocks=blocks.list_blocks(page))


def show(ctx: Ctx, rest: str) -> Reply:
    """/deal show <deal>."""
    if not rest:
        return Reply(text="Which deal? Try `/deal show 12` or `/deal show acme`.")
    return Reply(**shown(ctx.team_id, rest, page=0))


def shown(team_id: str, ref: str, page: int) -> dict:
    """The text and blocks of `/deal show` at a page of the history."""
    with session_scope() as s:
        deal = deals.get(session=s, team_id=team_id, ref=ref)
        view = deals.view(session=s, deal=deal)
        # The newest pages up to this one, and one more entry to know older ones exist.
        newest = (page + 1) * blocks.HISTORY_PAGE + 1
        history = queries.history(session=s, team_id=team_id, deal_id=deal.id, limit=newest)
        people = accounts.contacts(session=s, team_id=team_id, company_id=deal.company_id)
        answers = bant.last_answers(session=s, team_id=team_id, deal_id=deal.id)
    extra = [*bant_section(answers), *people_blocks(people)]
    return {"text": cards.card_text(view), "blocks": blocks.show_blocks(view, history, extra, page)}
