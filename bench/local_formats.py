"""Cost of writing and reading money and days in each language (issue 16).

    python bench/local_formats.py [--calls 5000]

Prints, per language, the microseconds per call of `format_money`, `format_short`,
`parse_amount` (of what `format_money` wrote) and `format_day`: English keeps dealbot's own
formatting; fi, fr and ro go through Babel (patterns parsed once per language and kept).
A digest of a few hundred amounts spends its money formatting time in the milliseconds.
"""

import argparse
import timeit
from datetime import date

from bot.common.days import format_day
from bot.common.money import Money, format_money, format_short, parse_amount
from bot.i18n import LANGUAGES, speaking


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000)
    calls = parser.parse_args().calls
    money, day = Money(12_345_678, "EUR"), date(2026, 12, 31)
    for lang in LANGUAGES:
        with speaking(lang):
            written = format_money(money)
            figures = {
                "format_money": lambda: format_money(money),
                "format_short": lambda: format_short(money),
                "parse_amount": lambda: parse_amount(written, "EUR"),  # noqa: B023
                "format_day": lambda: format_day(day),
            }
            shown = [
                f"{name} {timeit.timeit(work, number=calls) / calls * 1e6:.1f} µs"
                for name, work in figures.items()
            ]
        print(f"{lang}: " + ", ".join(shown))


if __name__ == "__main__":
    main()
