"""/deal contact <deal> edit|remove|consent <email> …: changing an account's people."""

from bot.accounts import contacts
from bot.i18n import N_, _
from handlers.accounts.blocks import person
from handlers.kit import parse
from handlers.kit.context import Ctx, Reply
from handlers.kit.mrkdwn import escape
from storage.db import session_scope

VERBS = ("edit", "remove", "consent")
USAGE = {
    "edit": N_(
        "Try `/deal contact 12 edit ann@acme.com title VP Finance` (name, email, title, role)."
    ),
    "remove": N_("Try `/deal contact 12 remove ann@acme.com`."),
    "consent": N_("Try `/deal contact 12 consent ann@acme.com yes` (or `no`)."),
}


def contact_change(ctx: Ctx, ref: str, verb: str, words: list[str]) -> Reply:
    """One change to a contact named by email: `edit <email> <field> <value>`, `remove <email>`,
    `consent <email> yes|no`."""
    if not words or (verb != "remove" and len(words) < 2 + (verb == "edit")):
        return Reply(text=_(USAGE[verb]))
    email, more = words[0], words[1:]
    with session_scope() as s:
        kw = {
            "session": s,
            "team_id": ctx.team_id,
            "actor": ctx.user_id,
            "ref": ref,
            "email": email,
        }
        if verb == "remove":
            v = contacts.remove(**kw)
            return Reply(
                text=_("Removed {email} from {company}.").format(
                    email=escape(email), company=escape(v.company or "")
                )
            )
        if verb == "consent":
            v, c = contacts.consent(**kw, answer=" ".join(more))
        else:
            v, c = contacts.edit(**kw, field=more[0].casefold(), value=" ".join(more[1:]))
        return Reply(
            text=_("Updated {contact} of {company}.").format(
                contact=person(c), company=escape(v.company or "")
            )
        )


def verb_of(tail: str) -> tuple[str, list[str]] | None:
    """(verb, the words after it) when the tail is a contact change, else None."""
    words = parse.unescape(tail).split()
    if words and words[0].casefold() in VERBS and (len(words) == 1 or "@" in words[1]):
        return words[0].casefold(), words[1:]
    return None
