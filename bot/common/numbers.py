"""Numbers, percentages and amounts as the reader's language writes them (Babel's CLDR data).

English keeps dealbot's own forms (`12,000`, `40%`, `$12,000`), byte for byte what it wrote
before it spoke other languages; fi, fr and ro take Babel's patterns (`12 000`, `40 %`,
`4 500 €`, `4.500 €`). Money itself (what a currency is written with, how many decimals)
lives in `bot.common.money`; this module only lays the number out.
"""

import re
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    format_decimal,
    format_percent,
    parse_pattern,
)

from bot.i18n import SOURCE, language


def _lang(lang: str | None) -> str:
    return lang or language()


def number(n: int | Decimal, lang: str | None = None) -> str:
    """`12,000` (en), `12 000` (fi, fr), `12.000` (ro)."""
    lang = _lang(lang)
    if lang == SOURCE:
        return f"{n:,}"
    return format_decimal(n, locale=_locale(lang))


def percent(p: int | float | Decimal, lang: str | None = None) -> str:
    """A percentage given in hundredths (`40` for 40%): `40%` (en), `40 %` (fi, fr, ro)."""
    lang = _lang(lang)
    if lang == SOURCE:
        return f"{p}%"
    return format_percent(Decimal(str(p)) / 100, locale=_locale(lang), decimal_quantization=False)


def tenths(x: float | Decimal, lang: str | None = None) -> str:
    """A figure to one decimal: `3.5` (en), `3,5` (fi, fr, ro)."""
    lang = _lang(lang)
    if lang == SOURCE:
        return f"{x:.1f}"
    return format_decimal(Decimal(f"{x:.1f}"), format="0.0", locale=_locale(lang))


def share(rate: float | None, lang: str | None = None) -> str:
    """A rate given as a fraction (`0.5`), rounded to a whole percent: `50%`, `50 %`; a dash
    when there is nothing to divide."""
    if rate is None:
        return "–"
    return percent(int(f"{rate:.0%}".rstrip("%")), lang)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@cache
def _currency_pattern(lang: str, decimals: int) -> str:
    """The language's currency pattern with exactly `decimals` decimals (`#,##0.00 ¤`)."""
    pattern = _locale(lang).currency_formats["standard"].pattern.split(";")[0]
    return re.sub(r"\.0+", "." + "0" * decimals if decimals else "", pattern)


@cache
def _money_pattern(lang: str, decimals: int, symbol: str) -> NumberPattern:
    # The symbol as a quoted literal: Babel puts it where the pattern's ¤ stands, with the
    # language's spacing.
    quoted = "'" + symbol.replace("'", "''") + "'"
    return parse_pattern(_currency_pattern(lang, decimals).replace("¤", quoted))


def amount(major: Decimal, symbol: str, decimals: int, lang: str) -> str:
    """`major` with `decimals` decimals and the currency `symbol`, as `lang` writes money:
    `4 500 €`, `4.500,50 €`, `1 200 SEK` (not used for English: see `bot.common.money`)."""
    return _money_pattern(lang, decimals, symbol).apply(major, _locale(lang))


def compact(major: Decimal, symbol: str, lang: str) -> str:
    """A rounded amount for lists in the language's own short words: `12,5 t. €` (fi),
    `12,5 k €` (fr), `1,2 mil. €` (ro)."""
    short = format_compact_decimal(major, locale=_locale(lang), fraction_digits=1)
    before, found, after = _currency_pattern(lang, 0).partition("#,##0")
    if not found:  # a pattern Babel words otherwise: the symbol after the number
        before, after = "", "\u00a0¤"
    return before.replace("¤", symbol) + short + after.replace("¤", symbol)
