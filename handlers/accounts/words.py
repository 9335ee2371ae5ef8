"""What the user reads when an accounts operation refuses: wording per domain error code."""

from handlers.kit.mrkdwn import escape
from handlers.kit.text import echo
from handlers.kit.wording import Wording

CONTACT_EXAMPLE = "`/deal contact 12 Ann Lee ann@acme.com CFO`"


def _bad_role(*, role: str, roles: list[str]) -> str:
    return f"`{echo(role)}` is not a buying role; use one of: {', '.join(roles)}."


def _ambiguous_account(*, name: str, candidates: list[str]) -> str:
    names = ", ".join(escape(c) for c in candidates)
    return f"“{echo(name)}” fits several accounts: {names}. Say which one."


WORDS: dict[str, Wording] = {
    "bad_email": "`{email}` is not an email address; write it like `ann@acme.com`.",
    "bad_role": _bad_role,
    "contact_needs_name": f"A contact needs a name: {CONTACT_EXAMPLE}.",
    "deal_has_no_company": (
        "#{deal} has no company yet; set it first: `/deal set {deal} company Acme Corp`."
    ),
    "contact_exists": "{name} <{email}> is already a contact of this account.",
    "no_such_contact": (
        "No contact of #{deal}'s account has the address {email}; `/deal show {deal}` lists them."
    ),
    "contact_field": lambda field, fields: (
        f"I can change a contact's {', '.join(fields)}; not `{echo(field)}`."
    ),
    "consent_answer": "Marketing consent is `yes` or `no`, not `{answer}`.",
    "account_name_missing": "Which account? e.g. `/deal account Acme Corp`.",
    "ambiguous_account": _ambiguous_account,
    "no_such_account": (
        "No account is called “{name}”. Accounts are made when a deal names its company "
        "(`/deal set 12 company Acme Corp`)."
    ),
}
