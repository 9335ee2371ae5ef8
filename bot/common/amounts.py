"""Reading a typed amount as Money.

Reading rules of ``parse_amount`` (the user contract; README and help text quote them):

- An amount is a number, optionally followed by one multiplier ``k`` (thousand),
  ``m`` (million) or ``b`` (billion, 10^9), any case: ``12k``, ``1.5M``, ``2b``.
  ``12kk``, ``mm`` and ``bn`` are refused. A reader of Finnish, French or Romanian may
  also write the short words of those languages, with or without their dot: ``t.``,
  ``milj.``, ``mrd.`` (fi), ``Md`` (fr), ``mii``, ``mil.``, ``mld.`` (ro).
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
- In English a dot is a decimal point, and a single comma followed by exactly three digits
  groups thousands (``12,000`` is twelve thousand); any other single comma is a
  decimal comma (``12,5`` is 12.5). When both appear, the last one is the
  decimal mark (``1,234.56`` and ``1.234,56`` are both 1234.56), and repeated
  marks group thousands (``1.234.567``).
- Without a multiplier the written decimals may not exceed the currency's minor
  digits: ``12.345`` is refused for USD (it could be a continental "twelve
  thousand"), ``¥5000.5`` is refused. With a multiplier the result must be a whole
  number of minor units (``1.2345k`` is $1,234.50).
- The reader's language settles a lone mark before exactly three digits (``4.500``,
  ``4,500``): its grouping mark groups (English ``,``, Romanian ``.``); its decimal mark is a
  decimal (English ``.``, and ``,`` for a currency with three decimals); any other reading is
  asked about: when both readings are amounts (``4.500 €`` in Finnish or French is 4,50 € or
  4 500 €) the amount is refused as ``ambiguous`` with both, else as ``too_precise``.
  English reads exactly as it always has. ``STORED`` (English) reads what dealbot stored.
- Zero is an amount; negatives (``-5``, ``−5``) and ranges (``12-15k``) are
  refused, and so is anything above 10^13 major units or longer than 64 characters.
"""

import re
from decimal import Decimal, localcontext

from bot.common import numbers
from bot.common.currencies import CURRENCIES, MAX_MAJOR, SIGNS, Money
from bot.common.errors import InvalidAmount
from bot.i18n import SOURCE, language

_MULTIPLIERS = {"k": 3, "m": 6, "b": 9}
# The short words Finnish, French and Romanian write amounts with (`12,5 t. €`, `1,2 M €`,
# `3 mld. €`, as dealbot shows them): read for a reader of those languages, dot or not.
_LOCAL_MULTIPLIERS = {
    "t": "k", "tuh": "k", "milj": "m", "mrd": "b",  # fi
    "md": "b",  # fr (k and M are the English letters)
    "mii": "k", "mil": "m", "mld": "b",  # ro
}  # fmt: skip
_MAX_CHARS = 64
STORED = SOURCE  # the language of amounts dealbot writes into its own records
# Per language: the mark that groups thousands, the decimal mark (None: neither is a dot
# or comma; Finnish and French group with spaces).
_MARKS: dict[str, tuple[str | None, str]] = {
    "en": (",", "."), "fi": (None, ","), "fr": (None, ","), "ro": (".", ","),
}  # fmt: skip
_GROUP_SPACES = " \u00a0\u202f\u2009"
_TOKEN = re.compile(
    rf"(?P<ws>\s+)"
    rf"|(?P<num>[0-9]+(?:[{_GROUP_SPACES}.,][0-9]+)*|\.[0-9]+)"
    rf"|(?P<short>(?i:{'|'.join(sorted(_LOCAL_MULTIPLIERS, key=len, reverse=True))})\.)"
    rf"|(?P<word>[A-Za-z]+)"
    rf"|(?P<sign>[$€£¥])"
    rf"|(?P<minus>[-\u2212])"
    rf"|(?P<other>.)"
)


def _refuse(text: str, reason: str, **detail: object) -> InvalidAmount:
    """The refusal of `text`: `reason` names the fault, `detail` the facts that show it."""
    return InvalidAmount("not_an_amount", text=text, reason=reason, **detail)


def parse_amount(text: str, default_currency: str = "USD", lang: str | None = None) -> Money:
    """Read a typed amount (``12k``, ``$12,000``, ``€4 500``) as Money; see the module rules.

    `lang` is the reader's language (default: the current one); `STORED` for stored text."""
    lang = language() if lang is None else lang
    lang = lang if lang in _MARKS else SOURCE
    if default_currency not in CURRENCIES:
        raise ValueError(f"unknown default currency {default_currency!r}")
    if not text or not text.strip():
        raise InvalidAmount("no_amount")
    if len(text) > _MAX_CHARS:
        raise _refuse(text, "too_long")
    number, multiplier, marks = _split(text, local=lang != SOURCE)
    currency = _currency(text, marks, default_currency)
    digits = CURRENCIES[currency]
    value, decimals = _number(text, number, _lone_mark(number, currency, lang))
    if decimals == -1:
        _ask(text, number, multiplier, currency, lang)
    if multiplier is None and decimals > digits:
        raise _too_precise(text, currency, number, decimals)
    with localcontext(prec=_MAX_CHARS + 16):
        minor = value.scaleb(digits + _MULTIPLIERS.get(multiplier or "", 0))
    if minor != minor.to_integral_value():
        raise _too_precise(text, currency, number)
    if minor > MAX_MAJOR * 10**digits:
        raise _refuse(text, "too_large", limit=Money(MAX_MAJOR * 10**digits, currency))
    return Money(int(minor), currency)


def _split(text: str, local: bool = False) -> tuple[str, str | None, list[str]]:
    """The number, its multiplier letter and the currency marks, in reading order; `local`
    also reads the other languages' short words (`t.`, `milj.`, `mii`)."""
    number: str | None = None
    multiplier: str | None = None
    marks: list[str] = []
    previous = ""
    for token in _TOKEN.finditer(text):
        kind, value = token.lastgroup, token.group()
        if kind == "ws":
            continue
        if kind == "short":  # `t.`: the word, its dot an abbreviation's, not a decimal mark
            if not local:
                raise _refuse(text, "unknown_word", word=value[:-1])
            kind, value = "word", value[:-1]
        if local and kind == "word" and previous == "num" and value.lower() in _LOCAL_MULTIPLIERS:
            multiplier, previous = _LOCAL_MULTIPLIERS[value.lower()], "word"
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
        if mark in SIGNS:
            continue
        if mark.upper() not in CURRENCIES:
            raise _refuse(text, "unknown_currency", word=mark, known=sorted(CURRENCIES))
    codes = {m.upper() for m in marks if m not in SIGNS}
    signs = {m for m in marks if m in SIGNS}
    if len(codes) > 1 or len(signs) > 1:
        raise _two_currencies(text, marks)
    if not codes and not signs:
        return default
    if not signs:
        return codes.pop()
    usual, family = SIGNS[signs.pop()]
    if codes:
        code = codes.pop()
        if code not in family:
            raise _two_currencies(text, marks)
        return code
    return default if default in family else usual


def _two_currencies(text: str, marks: list[str]) -> InvalidAmount:
    return _refuse(text, "two_currencies", marks=list(dict.fromkeys(m.upper() for m in marks)))


def _lone_mark(number: str, currency: str, lang: str) -> str:
    """How `lang` reads a lone `.` or `,` before exactly three digits: "group", "decimal" or
    "ask" (the module rules); "decimal" for any other number (the mark decides itself)."""
    marks = [ch for ch in number if ch in ".,"]
    if len(marks) != 1 or len(number.rsplit(marks[0], 1)[1]) != 3:
        return "decimal"
    group, decimal = _MARKS[lang]
    if marks[0] == group:
        return "group"
    if marks[0] == decimal and (lang == SOURCE or CURRENCIES[currency] >= 3):
        return "decimal"
    return "ask"


def _number(text: str, number: str, lone: str = "decimal") -> tuple[Decimal, int]:
    """The number's value and how many decimals it was written with (-1: `lone` is "ask")."""
    if lone == "ask":
        return Decimal(0), -1
    marks = [ch for ch in number if ch in ".,"]
    decimal_mark = None
    if marks:
        last = marks[-1]
        repeated = marks.count(last) > 1
        if not repeated and lone != "group":
            decimal_mark = last
    whole, _, fraction = number.rpartition(decimal_mark) if decimal_mark else (number, "", "")
    if fraction and not (fraction.isascii() and fraction.isdigit()):
        raise _refuse(text, "two_numbers")  # decimals are never grouped: `1.5 2` is two numbers
    groups = re.split(rf"[{_GROUP_SPACES}.,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise _refuse(text, "bad_grouping")
    return Decimal(f"{''.join(groups) or 0}.{fraction or 0}"), len(fraction)


class Grouped(int):
    """A whole number that `{n:,}` writes grouped as the reader's language groups thousands
    (`4,500`, `4 500`, `4.500`): a refusal's hint must read one way in that language."""

    def __format__(self, spec: str) -> str:
        return numbers.number(int(self)) if spec == "," else format(int(self), spec)


def _too_precise(
    text: str, currency: str, number: str, decimals: int = 0, thousands: int | None = None
) -> InvalidAmount:
    """Too many decimals; `thousands` when the number reads like `12.345` meant as thousands."""
    if CURRENCIES[currency] and decimals == 3 and number.count(".") == 1 and "," not in number:
        thousands = int(re.sub(r"[^0-9]", "", number))
    return _refuse(
        text, "too_precise", currency=currency, digits=CURRENCIES[currency],
        thousands=None if thousands is None else Grouped(thousands),
    )  # fmt: skip


def _reading(value: Decimal, currency: str, multiplier: str | None) -> Money | None:
    """`value` (times the multiplier) as Money, or None when it is no whole number of minor
    units or too large."""
    with localcontext(prec=_MAX_CHARS + 16):
        minor = value.scaleb(CURRENCIES[currency] + _MULTIPLIERS.get(multiplier or "", 0))
    if minor != minor.to_integral_value() or minor > MAX_MAJOR * 10 ** CURRENCIES[currency]:
        return None
    return Money(int(minor), currency)


def _ask(text: str, number: str, multiplier: str | None, currency: str, lang: str):
    """Refuse a number the language does not settle (`4.500` in French): as ambiguous, with
    both readings and how to write each, or as too precise when only thousands make sense."""
    as_decimal, __ = _number(text, number, "decimal")
    as_thousands, __ = _number(text, number, "group")
    decimal, thousands = (_reading(v, currency, multiplier) for v in (as_decimal, as_thousands))
    letter = multiplier or ""
    if decimal is None or thousands is None:
        hint = int(as_thousands) if thousands is not None and not letter else None
        raise _too_precise(text, currency, number, thousands=hint)
    if letter:  # `4,500k`: written `4,5k` or `4500k`
        written = format(as_decimal.normalize(), "f")
    else:  # `4,500 €`: written `4,50` or `4500`
        written = format(as_decimal, f".{CURRENCIES[currency]}f")
    raise _refuse(
        text, "ambiguous", readings=[decimal, thousands],
        writings=[written.replace(".", _MARKS[lang][1]) + letter, f"{int(as_thousands)}{letter}"],
    )  # fmt: skip
