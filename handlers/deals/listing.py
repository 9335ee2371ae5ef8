"""/deal list and /deal show."""

from bot.accounts import service as accounts
from bot.common.errors import InvalidInput
from bot.deals import listing
from bot.deals import service as deals
from bot.i18n import _
from bot.qualification import bant
from handlers.accounts.blocks import people_blocks
from handlers.deals import posting as cards
from handlers.deals.blocks import HISTORY_PAGE, list_blocks, list_title, show_blocks
from handlers.kit import parse
from handlers.kit.context import Ctx, Reply
from handlers.qualification.blocks import bant_section
from storage.db import session_scope


def split_page(rest: str) -> tuple[str, int]:
    """The scope words and the offset asked for by a trailing `page N`."""
    words = rest.split()
    if len(words) >= 2 and words[-2].lower() == "page":
        if not words[-1].isdigit() or int(words[-1]) < 1:
            raise InvalidInput("not_a_page", text=words[-1])
        return " ".join(words[:-2]), (int(words[-1]) - 1) * listing.PAGE
    return " ".join(words), 0


def page_of(team_id: str, viewer: str, scope: str, offset: int) -> listing.Page:
    """One page of the deals a scope names; `@someone` lists that person's open deals."""
    with session_scope() as s:
        return listing.deals_page(
            session=s,
            team_id=team_id,
            viewer=viewer,
            scope=scope,
            owner=parse.only_mention(scope),
            offset=offset,
        )


def list_deals(ctx: Ctx, rest: str) -> Reply:
    """/deal list [mine|all|<stage>|@user|team [name]] [page N]."""
    scope, offset = split_page(rest)
    page = page_of(ctx.team_id, ctx.user_id, scope, offset)
    return Reply(text=list_title(page), blocks=list_blocks(page))


def show(ctx: Ctx, rest: str) -> Reply:
    """/deal show <deal>."""
    if not rest:
        return Reply(text=_("Which deal? Try `/deal show 12` or `/deal show acme`."))
    return Reply(**shown(ctx.team_id, rest, page=0))


def shown(team_id: str, ref: str, page: int) -> dict:
    """The text and blocks of `/deal show` at a page of the history."""
    with session_scope() as s:
        deal = deals.get(session=s, team_id=team_id, ref=ref)
        view = deals.view(session=s, deal=deal)
        # The newest pages up to this one, and one more entry to know older ones exist.
        newest = (page + 1) * HISTORY_PAGE + 1
        history = listing.history(session=s, team_id=team_id, deal_id=deal.id, limit=newest)
        people = accounts.contacts(session=s, team_id=team_id, company_id=deal.company_id)
        answers = bant.last_answers(session=s, team_id=team_id, deal_id=deal.id)
    extra = [*bant_section(answers), *people_blocks(people, deal.number)]
    return {"text": cards.card_text(view), "blocks": show_blocks(view, history, extra, page)}
