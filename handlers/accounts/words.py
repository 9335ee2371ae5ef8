"""What the user reads when an accounts operation refuses: wording per domain error code."""

from bot.i18n import N_, _
from handlers.kit.mrkdwn import escape
from handlers.kit.text import echo
from handlers.kit.wording import Wording


def _bad_role(*, role: str, roles: list[str]) -> str:
    return _("`{role}` is not a buying role; use one of: {roles}.").format(
        role=echo(role), roles=", ".join(_(r) for r in roles)
    )


def _ambiguous_account(*, name: str, candidates: list[str]) -> str:
    names = ", ".join(escape(c) for c in candidates)
    return _("“{name}” fits several accounts: {names}. Say which one.").format(
        name=echo(name), names=names
    )


WORDS: dict[str, Wording] = {
    "bad_email": N_("`{email}` is not an email address; write it like `ann@acme.com`."),
    "bad_role": _bad_role,
    "contact_needs_name": N_(
        "A contact needs a name: `/deal contact 12 Ann Lee ann@acme.com CFO`."
    ),
    "deal_has_no_company": N_(
        "#{deal} has no company yet; set it first: `/deal set {deal} company Acme Corp`."
    ),
    "contact_exists": N_("{name} <{email}> is already a contact of this account."),
    "no_such_contact": N_(
        "No contact of #{deal}'s account has the address {email}; `/deal show {deal}` lists them."
    ),
    "contact_field": lambda field, fields: _(
        "I can change a contact's {fields}; not `{field}`."
    ).format(fields=", ".join(fields), field=echo(field)),
    "consent_answer": N_("Marketing consent is `yes` or `no`, not `{answer}`."),
    "account_name_missing": N_("Which account? e.g. `/deal account Acme Corp`."),
    "ambiguous_account": _ambiguous_account,
    "no_such_account": N_(
        "No account is called “{name}”. Accounts are made when a deal names its company "
        "(`/deal set 12 company Acme Corp`)."
    ),
}
