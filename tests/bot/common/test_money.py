"""Money: the one parser and the two formatters, both ways, and the refusals' wording."""

import dataclasses
import random
from decimal import Decimal

import pytest

from bot.common.errors import DomainError, InvalidAmount
from bot.common.money import Money, format_money, format_short, minor_digits, parse_amount
from handlers.kit.errors import words
from tests.words import told

EXAMPLES = "Try `12k`, `12.5k`, `$12,000` or `€4 500`."


@pytest.mark.parametrize(
    ("text", "minor", "currency"),
    [
        ("12k", 1_200_000, "USD"),
        ("12K", 1_200_000, "USD"),
        ("12 k", 1_200_000, "USD"),
        ("12.5k", 1_250_000, "USD"),
        ("$12,000", 1_200_000, "USD"),
        ("$ 12,000", 1_200_000, "USD"),
        ("12,000.50", 1_200_050, "USD"),
        ("1.2m", 120_000_000, "USD"),
        ("1.5M", 150_000_000, "USD"),
        ("2b", 200_000_000_000, "USD"),
        ("2B", 200_000_000_000, "USD"),
        ("€4 500", 450_000, "EUR"),
        ("€4\u00a0500", 450_000, "EUR"),  # no-break space
        ("€4\u202f500", 450_000, "EUR"),  # narrow no-break space (French typography)
        ("4 500 €", 450_000, "EUR"),
        ("4 500,50 €", 450_050, "EUR"),
        ("EUR 4500", 450_000, "EUR"),
        ("eur4500", 450_000, "EUR"),
        ("4500 eur", 450_000, "EUR"),
        ("4500EUR", 450_000, "EUR"),
        ("12k EUR", 1_200_000, "EUR"),
        ("£300", 30_000, "GBP"),
        ("¥5000", 5_000, "JPY"),
        ("¥1.5k", 1_500, "JPY"),
        ("1200 SEK", 120_000, "SEK"),
        ("RON 12,5k", 1_250_000, "RON"),
        ("0", 0, "USD"),
        ("$0", 0, "USD"),
        ("12,5", 1_250, "USD"),  # a lone comma before one or two digits is a decimal comma
        ("12,50", 1_250, "USD"),
        ("12,345", 1_234_500, "USD"),  # ... before exactly three digits it groups thousands
        ("1,234,567", 123_456_700, "USD"),
        ("1.234.567", 123_456_700, "USD"),  # repeated dots can only group thousands
        ("1,234.56", 123_456, "USD"),
        ("1.234,56", 123_456, "USD"),  # both marks: the last one is the decimal mark
        ("12.50", 1_250, "USD"),
        ("12.5", 1_250, "USD"),
        (".5k", 50_000, "USD"),
        ("1.2345k", 123_450, "USD"),  # a multiplier may carry more decimals if cents come out
        ("KWD 1.250", 1_250, "KWD"),  # three minor digits
        ("$12k USD", 1_200_000, "USD"),
        ("$12k CAD", 1_200_000, "CAD"),  # the code says which dollar
        ("  12k  ", 1_200_000, "USD"),
        ("10000000000000", 10**15, "USD"),  # exactly the limit
    ],
)
def test_parse_amount_reads(text: str, minor: int, currency: str) -> None:
    assert parse_amount(text) == Money(minor, currency)


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("12k", "EUR", Money(1_200_000, "EUR")),
        ("12k", "JPY", Money(12_000, "JPY")),
        ("$12k", "CAD", Money(1_200_000, "CAD")),  # `$` is the team's own dollar
        ("$12k", "EUR", Money(1_200_000, "USD")),  # ... or USD for everyone else
        ("¥5000", "CNY", Money(500_000, "CNY")),
        ("¥5000", "USD", Money(5_000, "JPY")),
        ("USD 12k", "EUR", Money(1_200_000, "USD")),
    ],
)
def test_parse_amount_default_currency(text: str, default: str, expected: Money) -> None:
    assert parse_amount(text, default_currency=default) == expected


def test_parse_amount_unknown_default_currency_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="XXX") as caught:
        parse_amount("12k", default_currency="XXX")
    assert not isinstance(caught.value, DomainError)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "amounts can't be negative"),
        ("−5", "amounts can't be negative"),  # U+2212 minus sign
        ("$-5", "amounts can't be negative"),
        ("-$5", "amounts can't be negative"),
        ("12-15k", "a `-` has no place in an amount (no ranges or sums)"),
        ("abc", "there is no number in it"),
        ("k", "`k` goes right after the number, like `12k`"),
        ("EUR", "there is no number in it"),
        ("$", "there is no number in it"),
        ("12kk", "use one multiplier (`k`, `m` or `b`), once"),
        ("1km", "use one multiplier (`k`, `m` or `b`), once"),
        ("12mm", "use one multiplier (`k`, `m` or `b`), once"),
        ("12bn", "`bn` is neither a currency code nor `k`, `m` or `b`"),
        ("k12", "`k` goes right after the number, like `12k`"),
        ("12 dollars", "`dollars` is neither a currency code nor `k`, `m` or `b`"),
        ("$12€", "it names two currencies (`$` and `€`); give one"),
        ("$12 EUR", "it names two currencies (`$` and `EUR`); give one"),
        ("USD 12 EUR", "it names two currencies (`USD` and `EUR`); give one"),
        ("£12 USD", "it names two currencies (`£` and `USD`); give one"),
        ("XYZ 100", "`XYZ` is not a currency dealbot knows (AED, AUD, BGN,"),
        ("100 xyz", "`xyz` is not a currency dealbot knows ("),
        ("12 500", None),  # valid control for the next one
        ("1 2", "thousands are grouped by three digits, like `12,000` or `4 500`"),
        ("12,00,000", "thousands are grouped by three digits, like `12,000` or `4 500`"),
        ("1234,567.5", "thousands are grouped by three digits, like `12,000` or `4 500`"),
        ("12 3", "thousands are grouped by three digits, like `12,000` or `4 500`"),
        ("12  500", "it has more than one number"),
        ("12.345", "USD amounts have at most 2 decimals (for thousands, write `12,345`)"),
        ("4.500", "USD amounts have at most 2 decimals (for thousands, write `4,500`)"),
        ("€4.500", "EUR amounts have at most 2 decimals (for thousands, write `4,500`)"),
        ("1,2345", "USD amounts have at most 2 decimals"),
        ("1.23456k", None),
        ("1.234567k", "USD amounts have at most 2 decimals"),
        ("¥5000.5", "JPY amounts have no decimals"),
        ("¥5000.0", "JPY amounts have no decimals"),
        ("¥1.2345k", "JPY amounts have no decimals"),
        ("12.", "a `.` goes between digits, like `12.5`"),
        ("12,", "a `,` goes between digits, like `12,5`"),
        ("+5", "“+” has no place in an amount"),
        ("12%", "“%” has no place in an amount"),
        ("10000000000000.01", "it is too large (the most dealbot takes is $10,000,000,000,000)"),
        ("10001b", "it is too large (the most dealbot takes is $10,000,000,000,000)"),
        ("¥20000000000000", "it is too large (the most dealbot takes is ¥10,000,000,000,000)"),
        ("9" * 65, "it is too long"),
    ],
)
def test_parse_amount_refuses_with_reason(text: str, reason: str | None) -> None:
    if reason is None:  # controls: the neighbouring refusals are about the detail, not the shape
        assert parse_amount(text).minor > 0
        return
    with pytest.raises(InvalidAmount) as caught:
        parse_amount(text)
    message = told(caught)
    shown = text if len(text) <= 40 else text[:40] + "…"
    assert message.startswith(f"`{shown}` is not an amount: {reason}")
    assert message.endswith(EXAMPLES)


def test_parse_amount_refuses_empty() -> None:
    for text in ("", "   ", "\u00a0"):
        with pytest.raises(InvalidAmount) as caught:
            parse_amount(text)
        assert told(caught) == f"No amount given. {EXAMPLES}"


def test_invalid_amount_is_a_domain_error() -> None:
    with pytest.raises(DomainError):
        parse_amount("abc")


def test_refusal_quotes_user_text_safely_for_mrkdwn() -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_amount("<!channel>")
    message = told(caught)
    assert "<" not in message and ">" not in message
    assert message.startswith("`&lt;!channel&gt;` is not an amount: “&lt;” has no place")


def test_refusal_keeps_code_span_closed() -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_amount("12`k\nx")
    assert told(caught).startswith("`12'k x` is not an amount:")
    with pytest.raises(InvalidAmount) as caught:
        parse_amount("€4\u00a0500 12")
    assert told(caught).startswith("`€4 500 12` is not an amount: thousands are grouped")


def test_money_is_exact_and_frozen() -> None:
    money = Money(1250, "USD")
    assert money.major == Decimal("12.50")
    assert Money(5000, "JPY").major == Decimal(5000)
    with pytest.raises(dataclasses.FrozenInstanceError):
        money.minor = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Money(12.5, "USD")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True, "USD")
    with pytest.raises(ValueError, match="usd"):
        Money(1, "usd")


def test_minor_digits() -> None:
    assert [minor_digits(c) for c in ("USD", "EUR", "JPY", "KWD")] == [2, 2, 0, 3]


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(1_200_000, "USD"), "$12,000"),
        (Money(1_250_050, "USD"), "$12,500.50"),
        (Money(1_250_005, "USD"), "$12,500.05"),
        (Money(450_000, "EUR"), "€4,500"),
        (Money(30_000, "GBP"), "£300"),
        (Money(5_000, "JPY"), "¥5,000"),
        (Money(120_000, "SEK"), "1,200 SEK"),
        (Money(120_050, "CHF"), "1,200.50 CHF"),
        (Money(1_250, "KWD"), "1.250 KWD"),
        (Money(0, "USD"), "$0"),
        (Money(5, "USD"), "$0.05"),
        (Money(-1_200_000, "USD"), "-$12,000"),
        (Money(-120_000, "SEK"), "-1,200 SEK"),
    ],
)
def test_format_money(money: Money, text: str) -> None:
    assert format_money(money) == text


@pytest.mark.parametrize(
    "text", ["$12,000", "$12,500.50", "€4,500", "£300", "¥5,000", "1,200 SEK", "1.250 KWD", "$0"]
)
def test_format_money_reads_back(text: str) -> None:
    assert format_money(parse_amount(text)) == text


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(95_000, "USD"), "$950"),
        (Money(95_050, "USD"), "$950.50"),
        (Money(100_000, "USD"), "$1k"),
        (Money(1_200_000, "USD"), "$12k"),
        (Money(1_250_000, "USD"), "$12.5k"),
        (Money(1_245_000, "USD"), "$12.5k"),  # half up
        (Money(1_244_999, "USD"), "$12.4k"),
        (Money(99_996_000, "USD"), "$1m"),  # 999.96k rounds into the next unit
        (Money(120_000_000, "USD"), "$1.2m"),
        (Money(123_456_700, "USD"), "$1.2m"),
        (Money(200_000_000_000, "USD"), "$2b"),
        (Money(10**15, "USD"), "$10,000b"),
        (Money(450_000, "EUR"), "€4.5k"),
        (Money(5_000_000, "JPY"), "¥5m"),
        (Money(120_000, "SEK"), "1.2k SEK"),
        (Money(-1_200_000, "USD"), "-$12k"),
    ],
)
def test_format_short(money: Money, text: str) -> None:
    assert format_short(money) == text


@pytest.mark.parametrize("text", ["$950", "$12k", "$12.5k", "$1.2m", "$2b", "€4.5k", "1.2k SEK"])
def test_format_short_reads_back(text: str) -> None:
    assert format_short(parse_amount(text)) == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.5 2k", "it has more than one number"),
        ("94.27 16", "it has more than one number"),
        ("12 500.5 3", "it has more than one number"),
        ("1\u202f000.5 5", "it has more than one number"),
        ("12.5\u00a0000", "it has more than one number"),
        ("1,5 2", "thousands are grouped by three digits"),
    ],
)
def test_digits_after_the_decimal_mark_are_never_grouped(text: str, reason: str) -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_amount(text)
    typed = text.replace("\u202f", " ").replace("\u00a0", " ")  # quoted back on one plain line
    assert told(caught).startswith(f"`{typed}` is not an amount: {reason}")


def test_parse_amount_reads_or_refuses_any_text() -> None:
    """Seeded random texts of money's own characters: an amount or a refusal, nothing else."""
    rng = random.Random(7)
    alphabet = "0123456789" * 3 + " .,,.kmbKMB$€£¥-−\u00a0\u202f\u2009eurUSDx%"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        try:
            parse_amount(text, rng.choice(["USD", "EUR", "JPY", "KWD", "CAD"]))
        except InvalidAmount as refused:
            assert words(refused).endswith(EXAMPLES) or "No amount given" in words(refused)
