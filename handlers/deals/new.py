"""/deal new: one line, or the New lead form."""

from bot.common.errors import InvalidAmount
from bot.common.money import parse_amount
from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from handlers.deals.changes import check_people
from handlers.deals.modals import new_lead_modal
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.channels import not_here
from handlers.kit.context import Ctx, Reply
from handlers.kit.metadata import ModalMeta
from storage.db import session_scope


def new(ctx: Ctx, rest: str) -> Reply:
    """/deal new [<name> [<amount>] [@owner]]."""
    refused = not_here(ctx, nothing="nothing was created")
    if refused:
        return Reply(text=refused)
    if not rest:
        meta = ModalMeta(channel=ctx.channel_id)
        view = new_lead_modal(meta, owner=ctx.user_id)
        return Reply(after=lambda: ctx.client.views_open(trigger_id=ctx.trigger_id, view=view))
    owners = parse.mentions(rest)
    if owners:
        check_people(ctx.client, owners[:1])
    name, amount_text = split_amount(parse.unescape(parse.strip_mentions(rest)))
    with session_scope() as s:
        s.info["response_url"] = ctx.response_url  # where the card's sender can answer
        currency = ensure_workspace(session=s, team_id=ctx.team_id).currency
        amount = parse_amount(amount_text, currency) if amount_text else None
        view = deals.create(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            name=name,
            amount=amount,
            owner=owners[0] if owners else None,
            channel_id=ctx.channel_id,
        )
    text = f"Created {fmt.deal_title(view.deal)} in {view.stage.name}."
    return Reply(text=text)


def split_amount(text: str) -> tuple[str, str | None]:
    """Name and amount of `Acme Corp 12k`: the longest tail (up to 3 words) that is an amount.

    A name in double quotes is taken whole: `/deal new "Project 42"` has no amount.
    """
    text = text.strip()
    if text.startswith('"') and '"' in text[1:]:
        name, _, tail = text[1:].partition('"')
        return name, tail.strip() or None
    words = text.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        if not any(ch.isdigit() for ch in tail):
            continue
        try:
            parse_amount(tail)
        except InvalidAmount:
            continue
        return " ".join(words[:-n]), tail
    return text, None
