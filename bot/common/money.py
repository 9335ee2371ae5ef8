"""Money written for people (in the reader's language, or as stored) and converted at the
team's rates. Money itself is `bot.common.currencies`; reading a typed amount is
`bot.common.amounts` (its docstring holds the reading rules)."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from bot.common import numbers
from bot.common.amounts import STORED, Grouped, parse_amount
from bot.common.currencies import CURRENCIES, MAX_MAJOR, SIGN_OF, Money, minor_digits
from bot.i18n import SOURCE, language

__all__ = [
    "CURRENCIES", "MAX_MAJOR", "STORED", "Grouped", "Money", "Rates", "format_money",
    "format_short", "minor_digits", "parse_amount", "parse_rate", "stored_money",
]  # fmt: skip


def format_money(money: Money) -> str:
    """The full amount in the reader's language: ``$12,000``, ``$12,500.50``, ``1,200 SEK``
    in English (``.00`` dropped), ``12 000 $`` in Finnish, ``4.500 €`` in Romanian."""
    lang = language()
    if lang == SOURCE:
        return stored_money(money)
    digits = CURRENCIES[money.currency] if money.minor % 10 ** CURRENCIES[money.currency] else 0
    return numbers.amount(money.major, SIGN_OF.get(money.currency, money.currency), digits, lang)


def stored_money(money: Money) -> str:
    """The amount as dealbot stores it in history, in every language: ``$12,000``."""
    digits = CURRENCIES[money.currency]
    whole, fraction = divmod(abs(money.minor), 10**digits)
    number = f"{whole:,}" + (f".{fraction:0{digits}d}" if fraction else "")
    return _with_currency(number, money)


def format_short(money: Money) -> str:
    """A compact amount for lists: ``$950``, ``$12k``, ``$12.5k``, ``$1.2m``, ``$3b`` in
    English; the language's own short words in the others (``12,5 t. €``, ``1,2 M €``)."""
    major = abs(money.major)
    if major < 1000:
        return format_money(money)
    if language() != SOURCE:
        sign = "-" if money.minor < 0 else ""
        symbol = SIGN_OF.get(money.currency, money.currency)
        return sign + numbers.compact(major, symbol, language())
    for letter, exponent in (("k", 3), ("m", 6), ("b", 9)):
        scaled = major.scaleb(-exponent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if scaled < 1000 or letter == "b":
            break
    shown = f"{scaled:,.0f}" if scaled == scaled.to_integral_value() else f"{scaled:,}"
    return _with_currency(shown + letter, money)


def _with_currency(number: str, money: Money) -> str:
    sign = "-" if money.minor < 0 else ""
    symbol = SIGN_OF.get(money.currency)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {money.currency}"


@dataclass(frozen=True)
class Rates:
    """The workspace currency and the rates set by hand: 1 unit of a currency = rate of `base`."""

    base: str
    rates: dict[str, Decimal]

    def factor(self, currency: str) -> Decimal | None:
        """Base minor units per minor unit of `currency`, or None without a rate."""
        if currency == self.base:
            return Decimal(1)
        rate = self.rates.get(currency)
        if rate is None:
            return None
        return rate.scaleb(CURRENCIES[self.base] - CURRENCIES[currency])

    def convert(self, money: Money) -> Money | None:
        """`money` in the base currency (rounded half up), or None without a rate."""
        factor = self.factor(money.currency)
        if factor is None:
            return None
        with localcontext(prec=40):
            minor = (money.minor * factor).to_integral_value(rounding=ROUND_HALF_UP)
        return Money(int(minor), self.base)

    def at_least(self, base_minor: int, currency: str) -> int | None:
        """The least minor units of `currency` worth `base_minor` of the base, or None."""
        factor = self.factor(currency)
        if factor is None or factor <= 0:
            return None
        with localcontext(prec=40):
            return int((Decimal(base_minor) / factor).to_integral_value(rounding="ROUND_CEILING"))

    def at_most(self, base_minor: int, currency: str) -> int | None:
        """The most minor units of `currency` worth at most `base_minor` of the base, or None."""
        factor = self.factor(currency)
        if factor is None or factor <= 0:
            return None
        with localcontext(prec=40):
            return int((Decimal(base_minor) / factor).to_integral_value(rounding="ROUND_FLOOR"))

    def total(self, money: list[Money]) -> tuple[Money | None, list[str]]:
        """The sum in the base currency of what has a rate, and the currencies without one.

        None when nothing was converted from another currency (the total says nothing new)."""
        converted = [self.convert(m) for m in money]
        missing = [m.currency for m, c in zip(money, converted, strict=True) if c is None]
        if not any(m.currency != self.base and c for m, c in zip(money, converted, strict=True)):
            return None, missing
        return Money(sum(c.minor for c in converted if c), self.base), missing


def parse_rate(text: str) -> Decimal | None:
    """A positive decimal rate (`1.08`, `0,0062`, `150`), or None when it is not one."""
    cleaned = text.strip().replace(",", ".")
    if not re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,12})?|\.[0-9]{1,12}", cleaned):
        return None
    rate = Decimal(cleaned)
    return rate if rate > 0 else None
