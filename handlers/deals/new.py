"""/deal new: one line, or the New lead form."""

import re

from bot.common.errors import InvalidAmount
from bot.common.money import parse_amount
from bot.deals import service as deals
from bot.i18n import _
from bot.pipeline.templates import local_name
from bot.workspaces.service import workspace_and_stages
from handlers.deals import duplicates
from handlers.deals.changes import check_people
from handlers.deals.modals import new_lead_modal
from handlers.deals.posting import hand_new_card
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.channels import not_here
from handlers.kit.context import Ctx, Reply
from handlers.kit.metadata import ModalMeta
from storage.db import session_scope

# A last word meant as a value: a digit first, after a sign or a currency symbol (`-5k`,
# `12kk`, `1e3`); `Q3` or `v2` end a name. A name ending so is quoted: `"Acme 42nd"`.
AMOUNT_LIKE = re.compile(r"[-+−]?[$€£¥]?[-+−]?\d\S*")


def new(ctx: Ctx, rest: str) -> Reply:
    """/deal new [<name> [<amount>] [@owner]]."""
    refused = not_here(ctx, nothing=_("nothing was created"))
    if refused:
        return Reply(text=refused)
    if not rest:
        meta = ModalMeta(channel=ctx.channel_id)
        view = new_lead_modal(meta, owner=ctx.user_id)
        return Reply(after=lambda: ctx.client.views_open(trigger_id=ctx.trigger_id, view=view))
    owners = parse.mentions(rest)
    if len(owners) > 1:  # one owner; tagging is its own verb, with why
        return Reply(text=several_owners(owners))
    if owners:
        check_people(ctx.client, owners[:1])
    name, amount_text = split_amount(parse.unescape(parse.strip_mentions(rest)))
    with session_scope() as s:
        s.info["response_url"] = ctx.response_url  # where the card's sender can answer
        # The workspace and its stages in one read, holding the pipeline for create.
        ws, stages = workspace_and_stages(session=s, team_id=ctx.team_id, hold=True)
        amount = parse_amount(amount_text, ws.currency) if amount_text else None
        owner = owners[0] if owners else None
        warned = duplicates.warning(s, ctx.team_id, deals.check_name(name), amount_text, owner)
        if warned:
            return warned
        view = deals.create(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            name=name,
            amount=amount,
            owner=owners[0] if owners else None,
            channel_id=ctx.channel_id,
            pipeline=(ws, stages),
        )
        hand_new_card(s, view)  # its card is posted from what was just written
    text = _("Created {deal} in {stage}.").format(
        deal=fmt.deal_title(view.deal), stage=local_name(view.stage.name)
    )
    return Reply(text=text)


def several_owners(owners: list[str]) -> str:
    """The refusal of `/deal new Y 1k @bob @cat`: a deal has one owner."""
    others = " ".join(fmt.user(u) for u in owners[1:])
    return _(
        "A deal has one owner, and you named {count}; nothing was created. "
        "Create it with its owner (`/deal new Acme 12k {owner}`), then tag the "
        "others with why: `/deal tag <number> {others} security review`."
    ).format(count=len(owners), owner=fmt.user(owners[0]), others=others)


def split_amount(text: str) -> tuple[str, str | None]:
    """Name and amount of `Acme Corp 12k`: the longest tail (up to 3 words) that is an amount.

    A name in double quotes is taken whole: `/deal new "Project 42"` has no amount.
    """
    text = text.strip()
    if text.startswith('"') and '"' in text[1:]:
        name, __, tail = text[1:].partition('"')
        return name, tail.strip() or None
    if any(ch.isdigit() for ch in text) and _reads_as_amount(text):
        return "", text  # `/deal new 12k`: a value and no name
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
    if words and AMOUNT_LIKE.fullmatch(words[-1]):
        parse_amount(words[-1])  # `-5k`, `12kk`, `1e3`: refused with why and what works
    return text, None


def _reads_as_amount(text: str) -> bool:
    try:
        parse_amount(text)
    except InvalidAmount:
        return False
    return True
