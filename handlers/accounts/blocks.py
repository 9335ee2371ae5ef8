"""Block Kit builders for accounts and their people. Pure: data in, blocks out."""

from bot.accounts import service as accounts
from bot.i18n import N_, _
from handlers.deals.blocks import deal_line, history_sections
from handlers.kit import blocks
from handlers.kit import text as fmt
from handlers.kit.layout import MESSAGE_BLOCKS, pack
from handlers.kit.mrkdwn import escape
from storage.models import Contact

CONSENT = {True: N_("marketing: yes"), False: N_("marketing: no")}  # not asked: nothing


def person(c: Contact) -> str:
    """A contact on one line: name, title, role, email."""
    parts = [
        f"*{escape(c.name)}*",
        escape(c.title or ""),
        _(accounts.ROLES[c.role]) if c.role in accounts.ROLES else "",
        escape(c.email or ""),
        _(CONSENT[c.marketing_consent]) if c.marketing_consent is not None else "",
    ]
    return " · ".join(p for p in parts if p)


def people_blocks(contacts: list[Contact], number: int | None = None) -> list[dict]:
    """The stakeholders section of a deal or an account; `number` is the deal to add them to."""
    if not contacts:
        example = f"`/deal contact {number} Ann Lee ann@acme.com CFO`" if number else (
            "`/deal contact <deal> Ann Lee ann@acme.com CFO`")
        return [blocks.context(_("No contacts yet: {example}.").format(example=example))]
    people = "\n".join(person(c) for c in contacts[:40])
    return [blocks.text(_("*Stakeholders*\n{people}").format(people=people))]


def account_blocks(acc: accounts.Account) -> list[dict]:
    """An account: its deals, its people, and the combined history, newest kept."""
    out: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": acc.company.name[:150]}},
        *[
            blocks.text(t)
            for t in pack(
                [_("*Deals*"), *([deal_line(v) for v in acc.deals[:30]] or [_("None yet.")])]
            )
        ],
        *people_blocks(acc.contacts, acc.deals[0].deal.number if acc.deals else None),
        {"type": "divider"},
    ]
    names = {s.id: s.name for s in acc.deals[0].stages} if acc.deals else None
    lines = [
        f"{fmt.when(a.at)} {fmt.deal_title(d)}: {fmt.activity(a, names)}" for d, a in acc.history
    ]
    return out + history_sections(lines, MESSAGE_BLOCKS - len(out))
