"""The /deal command: one router, one small function per subcommand."""

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import deals, listing
from bot.money import parse_amount
from handlers import blocks, cards, errors, parse
from handlers import format as fmt
from handlers.context import Ctx, Reply
from handlers.ids import Command
from handlers.modals import new_lead_modal
from handlers.values import ModalMeta
from storage import queries
from storage.db import session_scope

log = logging.getLogger("dealbot")


def help_reply(ctx: Ctx, rest: str) -> Reply:
    """/deal help."""
    return Reply(text="dealbot help", blocks=blocks.help_blocks())


def new(ctx: Ctx, rest: str) -> Reply:
    """/deal new [<name> [<amount>] [@owner]]: one line, or the New lead form."""
    if not rest:
        meta = ModalMeta(channel=ctx.channel_id)

        def open_form() -> None:
            ctx.client.views_open(trigger_id=ctx.trigger_id, view=new_lead_modal(meta))

        return Reply(after=open_form)
    owners = parse.mentions(rest)
    name, amount_text = split_amount(parse.unescape(parse.strip_mentions(rest)))
    with session_scope() as s:
        ws_currency = deals.ensure_workspace(session=s, team_id=ctx.team_id).currency
        amount = parse_amount(amount_text, ws_currency) if amount_text else None
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
    return Reply(
        text=text, after=lambda: cards.post_or_explain(ctx.client, view, ctx.channel_id, ctx.tell)
    )


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
        except Exception:
            continue
        return " ".join(words[:-n]), tail
    return text, None


def list_(ctx: Ctx, rest: str) -> Reply:
    """/deal list [page N]."""
    with session_scope() as s:
        page = listing.open_deals(session=s, team_id=ctx.team_id, offset=listing.offset(rest))
    return Reply(
        text=page.title, blocks=blocks.list_blocks(page.views, page.total, page.title, page.offset)
    )


def show(ctx: Ctx, rest: str) -> Reply:
    """/deal show <deal>."""
    if not rest:
        return usage("show", "Which deal? Try `/deal show 12` or `/deal show acme`.")
    with session_scope() as s:
        deal = deals.get(session=s, team_id=ctx.team_id, ref=rest)
        view = deals.view(session=s, deal=deal)
        history = queries.history(session=s, team_id=ctx.team_id, deal_id=deal.id)
    return Reply(text=cards.card_text(view), blocks=blocks.show_blocks(view, history))


def move(ctx: Ctx, rest: str) -> Reply:
    """/deal move <deal> <stage>."""
    ref, _, stage = rest.rpartition(" ")
    if not ref or not stage:
        return usage("move", "Say which deal and which stage, e.g. `/deal move 12 proposal`.")
    with session_scope() as s:
        moved = deals.move(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=ref, to=stage)
    v = moved.view
    text = f"Moved {fmt.deal_title(v.deal)} from {moved.from_stage.name} to {v.stage.name}."
    return Reply(text=text, after=lambda: cards.refresh_card(ctx.client, v))


def usage(sub: str, what: str) -> Reply:
    """A reply for a subcommand used the wrong way."""
    return Reply(text=what, blocks=blocks.help_blocks(what))


SUBCOMMANDS = {
    "": help_reply,
    "help": help_reply,
    "new": new,
    "list": list_,
    "show": show,
    "move": move,
}


def on_deal(ack: Ack, command: dict, client: WebClient, respond: Respond) -> None:
    """Route /deal to its subcommand; acknowledge with the answer; then do the Slack work."""
    ctx = Ctx(
        team_id=command["team_id"],
        user_id=command["user_id"],
        channel_id=command.get("channel_id"),
        client=client,
        trigger_id=command.get("trigger_id"),
        tell=lambda t: respond(text=t, response_type="ephemeral", replace_original=False),
    )
    p = parse.split(command.get("text", ""))
    handler = SUBCOMMANDS.get(p.sub)
    try:
        if handler is None:
            hint = f"I don't know `/deal {fmt.escape(p.sub)}`. Here is what I can do:"
            reply = Reply(text=hint, blocks=blocks.help_blocks(hint))
        else:
            reply = handler(ctx, p.rest)
    except Exception as exc:
        ack(response_type="ephemeral", text=errors.describe(exc))
        return
    if reply.text or reply.blocks:
        ack(response_type="ephemeral", text=reply.text or "", blocks=reply.blocks)
    else:
        ack()
    if reply.after:
        errors.guarded(reply.after, ctx.tell)


def register(app: App) -> None:
    """Register the slash command."""
    app.command(Command.deal)(on_deal)
