"""/deal currency and /deal rate: the workspace currency and conversion rates set by hand."""

from bot.common.money import CURRENCIES, parse_rate
from bot.i18n import N_, _
from bot.teams.access import require_admin
from bot.workspaces import currency as money_settings
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from storage.db import session_scope

CURRENCY_USAGE = N_("Try `/deal currency EUR` (a three-letter ISO 4217 code).")
RATE_USAGE = N_(
    "Try `/deal rate EUR 1.08` (1 EUR = 1.08 of the workspace currency), "
    "`/deal rate EUR off` to remove it, or `/deal rate` to see them."
)


def _unknown(code: str) -> str:
    return _(
        "`{code}` is not a currency code I know; use a three-letter ISO 4217 code "
        "such as EUR, USD, GBP or JPY (I know {codes})."
    ).format(code=fmt.echo(code), codes=", ".join(sorted(CURRENCIES)))


def _rates_text(ctx: Ctx) -> str:
    with session_scope() as s:
        found = money_settings.info(session=s, team_id=ctx.team_id)
        lines = [
            _("1 {currency} = {rate} {base} (set by {user})").format(
                currency=r.currency, rate=r.rate, base=found.currency, user=fmt.user(r.set_by)
            )
            for r in found.rates
        ]
    if not lines:
        return _("No conversion rates yet; totals keep each currency apart.") + " " + _(RATE_USAGE)
    return _("Conversion rates into {base}:").format(base=found.currency) + "\n" + "\n".join(lines)


def currency_command(ctx: Ctx, rest: str) -> Reply:
    """`/deal currency` shows it; `/deal currency EUR` sets it."""
    words = rest.split()
    if not words:
        with session_scope() as s:
            found = money_settings.info(session=s, team_id=ctx.team_id)
        said = (
            _("The workspace currency is {code}, set by {user}.").format(
                code=found.currency, user=fmt.user(found.set_by)
            )
            if found.set_by
            else _("The workspace currency is {code} (the default).").format(code=found.currency)
        )
        return Reply(text=said + " " + _(CURRENCY_USAGE))
    code = money_settings.known(words[0])
    if len(words) > 1 or code is None:
        return Reply(text=_unknown(rest.strip()))
    with session_scope() as s:
        require_admin(session=s, team_id=ctx.team_id, user_id=ctx.user_id, action="currency")
        before = money_settings.set_currency(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, currency=code
        )
    if before == code:
        return Reply(text=_("The workspace currency is already {code}.").format(code=code))
    return Reply(
        text=_(
            "The workspace currency is now {code} (was {before}): a bare amount like `12k` "
            "is {code} from now on. Deals keep the currency they were entered in; the "
            "conversion rates into {before} were cleared (`/deal rate` sets new ones)."
        ).format(code=code, before=before)
    )


def rate_command(ctx: Ctx, rest: str) -> Reply:
    """`/deal rate` lists; `/deal rate EUR 1.08` sets; `/deal rate EUR off` removes."""
    words = rest.split()
    if not words:
        return Reply(text=_rates_text(ctx))
    code = money_settings.known(words[0])
    if code is None:
        return Reply(text=_unknown(words[0]))
    if len(words) != 2:
        return Reply(text=_("Give one rate.") + " " + _(RATE_USAGE))
    off = words[1].lower() in ("off", "none", "clear")
    rate = None if off else parse_rate(words[1])
    if rate is None and not off:
        return Reply(
            text=_("`{text}` is not a rate: write a number above zero, e.g. 1.08.").format(
                text=fmt.echo(words[1])
            )
            + " "
            + _(RATE_USAGE)
        )
    with session_scope() as s:
        require_admin(session=s, team_id=ctx.team_id, user_id=ctx.user_id, action="rate")
        base = money_settings.info(session=s, team_id=ctx.team_id).currency
        if code == base:
            return Reply(
                text=_("{code} is the workspace currency: its rate is always 1.").format(code=code)
            )
        money_settings.set_rate(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, currency=code, rate=rate
        )
    if off:
        return Reply(
            text=_("No rate for {code} now: {code} amounts are kept apart in totals.").format(
                code=code
            )
        )
    return Reply(
        text=_("1 {code} = {rate} {base}: digests convert {code} at your rate.").format(
            code=code, rate=rate, base=base
        )
    )
