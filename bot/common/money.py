"""Money: an integer of minor units plus an ISO 4217 currency. One parser, two formatters.

Reading rules of ``parse_amount`` (the user contract; README and help text quote them):

- An amount is a number, optionally followed by one multiplier ``k`` (thousand),
  ``m`` (million) or ``b`` (billion, 10^9), any case: ``12k``, ``1.5M``, ``2b``.
  ``12kk``, ``mm`` and ``bn`` are refused.
- A currency may stand before or after the number, with or without a space:
  a symbol (``$`` ``€`` ``£`` ``¥``) or a code dealbot knows (``EUR 4500``,
  ``4500 eur``). Without one, the team's default currency applies.
- ``$`` is USD and ``¥`` is JPY, unless the default currency is another currency
  written with that sign (CAD, AUD, ... for ``$``; CNY for ``¥``): then it is the
  default. A sign and a code together must agree (``$12k CAD`` is CAD; ``$12€``
  and ``USD 12 EUR`` are refused).
- Thousands may be grouped with commas, spaces, no-break, narrow no-break or
  thin spaces (``12,000``, ``€4 500``); every group after the first has exactly
  three digits. A decimal mark sits between digits (``.5k`` is fine, ``12.`` is not);
  the digits after it are never grouped (``1.5 2k`` is two numbers, refused).
- A dot is a decimal point. A single comma followed by exactly three digits
  groups thousands (``12,000`` is twelve thousand); any other single comma is a
  decimal comma (``12,5`` is 12.5). When both appear, the last one is the
  decimal mark (``1,234.56`` and ``1.234,56`` are both 1234.56), and repeated
  marks group thousands (``1.234.567``).
- Without a multiplier the written decimals may not exceed the currency's minor
  digits: ``12.345`` is refused for USD (it could be a continental "twelve
  thousand"), ``¥5000.5`` is refused. With a multiplier the result must be a whole
  number of minor units (``1.2345k`` is $1,234.50).
- Zero is an amount; negatives (``-5``, ``−5``) and ranges (``12-15k``) are
  refused, and so is anything above 10^13 major units or longer than 64 characters.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from bot.common.errors import InvalidAmount

# ISO 4217 minor digits of the currencies a team may use.
CURRENCIES: dict[str, int] = {
    "USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2,
    "SEK": 2, "NOK": 2, "DKK": 2, "ISK": 0, "PLN": 2, "CZK": 2, "HUF": 2, "RON": 2,
    "BGN": 2, "TRY": 2, "CNY": 2, "HKD": 2, "SGD": 2, "INR": 2, "KRW": 0, "BRL": 2,
    "MXN": 2, "ZAR": 2, "ILS": 2, "AED": 2, "KWD": 3, "BHD": 3,
}  # fmt: skip

# A sign, its usual currency, and the other currencies written with it.
_SIGNS: dict[str, tuple[str, frozenset[str]]] = {
    "$": ("USD", frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"})),
    "€": ("EUR", frozenset({"EUR"})),
    "£": ("GBP", frozenset({"GBP"})),
    "¥": ("JPY", frozenset({"JPY", "CNY"})),
}
_SIGN_OF = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_MULTIPLIERS = {"k": 3, "m": 6, "b": 9}
MAX_MAJOR = 10**13
_MAX_CHARS = 64
_GROUP_SPACES = " \u00a0\u202f\u2009"
_TOKEN = re.compile(
    rf"(?P<ws>\s+)"
    rf"|(?P<num>[0-9]+(?:[{_GROUP_SPACES}.,][0-9]+)*|\.[0-9]+)"
    rf"|(?P<word>[A-Za-z]+)"
    rf"|(?P<sign>[$€£¥])"
    rf"|(?P<minus>[-\u2212])"
    rf"|(?P<other>.)"
)


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: ``minor`` units (cents, or yen) of ISO 4217 ``currency``."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError(f"Money.minor must be an int, not {type(self.minor).__name__}")
        if self.currency not in CURRENCIES:
            raise ValueError(f"unknown currency {self.currency!r}")

    @property
    def major(self) -> Decimal:
        """The amount in major units, exactly (``Decimal("12.50")`` for 1250 cents)."""
        return Decimal(self.minor).scaleb(-CURRENCIES[self.currency])


def minor_digits(currency: str) -> int:
    """How many decimals the currency has (2 for USD, 0 for JPY)."""
    return CURRENCIES[currency]


def _refuse(text: str, reason: str, **detail: object) -> InvalidAmount:
    """The refusal of `text`: `reason` names the fault, `detail` the facts that show it."""
    return InvalidAmount("not_an_amount", text=text, reason=reason, **detail)


def parse_amount(text: str, default_currency: str = "USD") -> Money:
    """Read a typed amount (``12k``, ``$12,000``, ``€4 500``) as Money; see the module rules."""
    if default_currency not in CURRENCIES:
        raise ValueError(f"unknown default currency {default_currency!r}")
    if not text or not text.strip():
        raise InvalidAmount("no_amount")
    if len(text) > _MAX_CHARS:
        raise _refuse(text, "too_long")
    number, multiplier, marks = _split(text)
    currency = _currency(text, marks, default_currency)
    digits = CURRENCIES[currency]
    value, decimals = _number(text, number)
    if multiplier is None and decimals > digits:
        raise _too_precise(text, currency, number, decimals)
    with localcontext(prec=_MAX_CHARS + 16):
        minor = value.scaleb(digits + _MULTIPLIERS.get(multiplier or "", 0))
    if minor != minor.to_integral_value():
        raise _too_precise(text, currency, number)
    if minor > MAX_MAJOR * 10**digits:
        raise _refuse(text, "too_large", limit=Money(MAX_MAJOR * 10**digits, currency))
    return Money(int(minor), currency)


def _split(text: str) -> tuple[str, str | None, list[str]]:
    """The number, its multiplier letter and the currency marks, in reading order."""
    number: str | None = None
    multiplier: str | None = None
    marks: list[str] = []
    previous = ""
    for token in _TOKEN.finditer(text):
        kind, value = token.lastgroup, token.group()
        if kind == "ws":
            continue
        if kind == "minus":
            if number is None:
                raise _refuse(text, "negative")
            raise _refuse(text, "range")
        if kind == "other" and value in ".,":
            raise _refuse(text, "loose_mark", mark=value)
        if kind == "other":
            raise _refuse(text, "stray_character", character=value)
        if kind == "num":
            if number is not None:
                raise _refuse(text, "two_numbers")
            number = value
        elif kind == "word" and previous == "num" and value.lower() in _MULTIPLIERS:
            multiplier = value.lower()
        elif kind == "word" and previous == "num" and set(value.lower()) <= set(_MULTIPLIERS):
            raise _refuse(text, "several_multipliers")
        elif kind == "word" and value.lower() in _MULTIPLIERS:
            raise _refuse(text, "multiplier_first", word=value)
        elif kind == "word" and len(value) != 3:
            raise _refuse(text, "unknown_word", word=value)
        else:
            marks.append(value)
        previous = kind
    if number is None:
        raise _refuse(text, "no_number")
    return number, multiplier, marks


def _currency(text: str, marks: list[str], default: str) -> str:
    """The one currency the marks name, or the default when there is none."""
    for mark in marks:
        if mark in _SIGNS:
            continue
        if mark.upper() not in CURRENCIES:
            raise _refuse(text, "unknown_currency", word=mark, known=sorted(CURRENCIES))
    codes = {m.upper() for m in marks if m not in _SIGNS}
    signs = {m for m in marks if m in _SIGNS}
    if len(codes) > 1 or len(signs) > 1:
        raise _two_currencies(text, marks)
    if not codes and not signs:
        return default
    if not signs:
        return codes.pop()
    usual, family = _SIGNS[signs.pop()]
    if codes:
        code = codes.pop()
        if code not in family:
            raise _two_currencies(text, marks)
        return code
    return default if default in family else usual


def _two_currencies(text: str, marks: list[str]) -> InvalidAmount:
    return _refuse(text, "two_currencies", marks=list(dict.fromkeys(m.upper() for m in marks)))


def _number(text: str, number: str) -> tuple[Decimal, int]:
    """The number's value and how many decimals it was written with."""
    marks = [ch for ch in number if ch in ".,"]
    decimal_mark = None
    if marks:
        last = marks[-1]
        tail = number.rsplit(last, 1)[1]
        repeated = marks.count(last) > 1
        thousands_comma = last == "," and len(marks) == 1 and len(tail) == 3
        if not repeated and not thousands_comma:
            decimal_mark = last
    whole, _, fraction = number.rpartition(decimal_mark) if decimal_mark else (number, "", "")
    if fraction and not (fraction.isascii() and fraction.isdigit()):
        raise _refuse(text, "two_numbers")  # decimals are never grouped: `1.5 2` is two numbers
    groups = re.split(rf"[{_GROUP_SPACES}.,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise _refuse(text, "bad_grouping")
    return Decimal(f"{''.join(groups) or 0}.{fraction or 0}"), len(fraction)


def _too_precise(text: str, currency: str, number: str, decimals: int = 0) -> InvalidAmount:
    """Too many decimals; `thousands` when the number reads like `12.345` meant as thousands."""
    thousands = None
    if CURRENCIES[currency] and decimals == 3 and number.count(".") == 1 and "," not in number:
        thousands = int(re.sub(r"[^0-9]", "", number))
    return _refuse(
        text, "too_precise", currency=currency, digits=CURRENCIES[currency], thousands=thousands
    )


def format_money(money: Money) -> str:
    """The full amount for people: ``$12,000``, ``$12,500.50``, ``1,200 SEK`` (``.00`` dropped)."""
    digits = CURRENCIES[money.currency]
    whole, fraction = divmod(abs(money.minor), 10**digits)
    number = f"{whole:,}" + (f".{fraction:0{digits}d}" if fraction else "")
    return _with_currency(number, money)


def format_short(money: Money) -> str:
    """A compact amount for lists: ``$950``, ``$12k``, ``$12.5k``, ``$1.2m``, ``$3b``."""
    major = abs(money.major)
    if major < 1000:
        return format_money(money)
    for letter, exponent in (("k", 3), ("m", 6), ("b", 9)):
        scaled = major.scaleb(-exponent).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if scaled < 1000 or letter == "b":
            break
    shown = f"{scaled:,.0f}" if scaled == scaled.to_integral_value() else f"{scaled:,}"
    return _with_currency(shown + letter, money)


def _with_currency(number: str, money: Money) -> str:
    sign = "-" if money.minor < 0 else ""
    symbol = _SIGN_OF.get(money.currency)
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
