"""/deal contact and /deal account: the people and the story of an account."""

import re

from bot.accounts import service as accounts
from bot.i18n import N_, _
from handlers.accounts import contact_edits
from handlers.accounts.blocks import account_blocks, person
from handlers.deals.changes import done
from handlers.kit import parse
from handlers.kit.context import Ctx, Reply
from handlers.kit.mrkdwn import escape
from handlers.kit.parse import split_ref
from storage.db import session_scope

# Slack sends a typed address as <mailto:ann@acme.com|ann@acme.com>.
MAILTO = re.compile(r"<mailto:([^|>]+)(?:\|[^>]*)?>")
CONTACT_USAGE = N_("Try `/deal contact 12 Ann Lee ann@acme.com CFO`.")


def split_contact(text: str) -> tuple[str, str, str]:
    """Name, email and title of `Ann Lee ann@acme.com CFO`."""
    text = MAILTO.sub(lambda m: m.group(1), text)
    words = text.split()
    at = next((i for i, w in enumerate(words) if "@" in w), None)
    if at is None:
        return " ".join(words), "", ""
    return " ".join(words[:at]), words[at], " ".join(words[at + 1 :])


def contact_command(ctx: Ctx, rest: str) -> Reply:
    """/deal contact <deal> Name <email> [title]."""
    ref, tail = split_ref(rest, _(CONTACT_USAGE))
    changing = contact_edits.verb_of(MAILTO.sub(lambda m: m.group(1), tail))
    if changing:
        return contact_edits.contact_change(ctx, ref, *changing)
    name, email, title = split_contact(parse.unescape(tail))
    if not email:
        return Reply(
            text=_("A contact needs an email address. {usage}").format(usage=_(CONTACT_USAGE))
        )
    with session_scope() as s:
        v, c = accounts.add_contact(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            ref=ref,
            name=name,
            email=email,
            title=title or None,
        )
    added = _("Added {contact} to {company}.").format(
        contact=person(c), company=escape(v.company or "")
    )
    return done(ctx, added, v)


def account_command(ctx: Ctx, rest: str) -> Reply:
    """/deal account <company>."""
    if not rest.strip():
        return Reply(text=_("Which account? e.g. `/deal account Acme Corp`."))
    with session_scope() as s:
        acc = accounts.account(session=s, team_id=ctx.team_id, name=parse.unescape(rest))
    return Reply(text=escape(acc.company.name), blocks=account_blocks(acc))
