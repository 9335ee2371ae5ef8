"""Money in the reader's language: written as Babel's locale data says, read back the same,
local forms read, and a form the language does not settle refused with both readings."""

import random
import re

import pytest

from bot.common.errors import InvalidAmount
from bot.common.money import (
    CURRENCIES,
    STORED,
    Money,
    format_money,
    format_short,
    parse_amount,
    stored_money,
)
from bot.i18n import speaking
from handlers.kit.errors import words
from tests.words import told

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("lang", "money", "written"),
    [
        ("en", Money(450_000, "EUR"), "€4,500"),
        ("fi", Money(450_000, "EUR"), f"4{NBSP}500{NBSP}€"),
        ("fr", Money(450_000, "EUR"), f"4{NNBSP}500{NBSP}€"),
        ("ro", Money(450_000, "EUR"), f"4.500{NBSP}€"),
        ("fi", Money(450_050, "EUR"), f"4{NBSP}500,50{NBSP}€"),
        ("ro", Money(1_200_000, "USD"), f"12.000{NBSP}$"),
        ("fr", Money(120_000, "SEK"), f"1{NNBSP}200{NBSP}SEK"),
        ("fi", Money(5_000, "JPY"), f"5{NBSP}000{NBSP}¥"),
        ("ro", Money(1_250, "KWD"), f"1,250{NBSP}KWD"),
    ],
)
def test_format_money_in_each_language(lang: str, money: Money, written: str) -> None:
    with speaking(lang):
        assert format_money(money) == written


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "€12.5k"), ("fi", f"12,5{NBSP}t.{NBSP}€"), ("fr", f"12,5{NBSP}k{NBSP}€"),
     ("ro", f"12,5{NBSP}K{NBSP}€")],
)  # fmt: skip
def test_format_short_uses_the_languages_own_words(lang: str, written: str) -> None:
    with speaking(lang):
        assert format_short(Money(1_250_000, "EUR")) == written
        assert format_short(Money(95_000, "EUR")) == format_money(Money(95_000, "EUR"))


@pytest.mark.parametrize("lang", ["en", "fi", "fr", "ro"])
def test_round_trip_format_then_parse_gives_the_same_money(lang: str) -> None:
    rng = random.Random(16)
    cases = [Money(m, c) for m in (0, 1, 99, 450_000, 450_050, 123_456_789) for c in CURRENCIES]
    cases += [Money(rng.randrange(10**12), rng.choice(list(CURRENCIES))) for _ in range(300)]
    with speaking(lang):
        for money in cases:
            written = format_money(money)
            assert parse_amount(written, money.currency) == money, (lang, money, written)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fi", "4 500 €", Money(450_000, "EUR")),
        ("fr", "4 500 €", Money(450_000, "EUR")),
        ("ro", "4.500 €", Money(450_000, "EUR")),  # a Romanian groups with dots
        ("ro", "1.234.567,5 €", Money(123_456_750, "EUR")),
        ("fi", "4,5k", Money(450_000, "EUR")),
        ("fr", "4,50 €", Money(450, "EUR")),
        ("ro", "4,50 €", Money(450, "EUR")),
        ("fr", "KWD 1,250", Money(1_250, "KWD")),  # three decimals: the French decimal comma
        ("en", "4,500 €", Money(450_000, "EUR")),  # English as always
        ("en", "€4 500", Money(450_000, "EUR")),
    ],
)
def test_local_forms_are_read(lang: str, text: str, expected: Money) -> None:
    with speaking(lang):
        assert parse_amount(text, "EUR") == expected


@pytest.mark.parametrize(
    ("lang", "text", "readings", "writings"),
    [
        ("fi", "4.500 €", [f"4,50{NBSP}€", f"4{NBSP}500{NBSP}€"], ["4,50", "4500"]),
        ("fr", "4,500 €", [f"4,50{NBSP}€", f"4{NNBSP}500{NBSP}€"], ["4,50", "4500"]),
        ("fr", "4.500 €", [f"4,50{NBSP}€", f"4{NNBSP}500{NBSP}€"], ["4,50", "4500"]),
        ("ro", "4,500 €", [f"4,50{NBSP}€", f"4.500{NBSP}€"], ["4,50", "4500"]),
        ("fr", "4.500k", [f"4{NNBSP}500{NBSP}€", f"4{NNBSP}500{NNBSP}000{NBSP}€"],
         ["4,5k", "4500k"]),
    ],
)  # fmt: skip
def test_a_form_that_reads_two_ways_is_refused_with_both(
    lang: str, text: str, readings: list[str], writings: list[str]
) -> None:
    with speaking(lang):
        with pytest.raises(InvalidAmount) as caught:
            parse_amount(text, "EUR")
        assert caught.value.data["reason"] == "ambiguous"
        said = told(caught)
    for shown in [*readings, *(f"`{w}`" for w in writings)]:
        assert shown in said, (shown, said)
    assert said.index(readings[0]) < said.index(f"`{writings[0]}`") < said.index(readings[1])


def test_ambiguity_in_english_words() -> None:
    with speaking("fr"), pytest.raises(InvalidAmount) as caught:
        parse_amount("4.500 €")
    with speaking("en"):
        assert told(caught).startswith(
            "`4.500 €` is not an amount: it reads two ways: €4.50 (write `4,50`) "
            "or €4,500 (write `4500`). Try "
        )


def test_each_reading_offered_reads_one_way_back() -> None:
    for lang, text in (("fi", "4.500 €"), ("fr", "4,500 €"), ("ro", "4,500 €"), ("fr", "4.5")):
        with speaking(lang):
            try:
                parse_amount(text, "EUR")
                continue  # `4.5` is no question
            except InvalidAmount as refusal:
                readings, writings = refusal.data["readings"], refusal.data["writings"]
            assert [parse_amount(w, "EUR") for w in writings] == readings


def test_only_one_sensible_reading_is_too_precise_with_a_local_hint() -> None:
    for lang, hint in (("fr", f"`4{NNBSP}567`"), ("ro", "`4.567`"), ("en", "`4,567`")):
        with speaking(lang):
            with pytest.raises(InvalidAmount) as caught:
                parse_amount("4.567 €" if lang == "en" else "4,567 €")
            assert caught.value.data["reason"] == "too_precise"
            assert hint in told(caught)
            assert parse_amount(hint.strip("`"), "EUR") == Money(456_700, "EUR")
    with speaking("ro"):
        assert parse_amount("4.567 €") == Money(456_700, "EUR")


def test_stored_amounts_are_english_in_every_language() -> None:
    for lang in ("en", "fi", "fr", "ro"):
        with speaking(lang):
            assert stored_money(Money(1_200_000, "USD")) == "$12,000"
            assert parse_amount("$12,000", "USD", STORED) == Money(1_200_000, "USD")
            assert parse_amount("€4.50", "USD", STORED) == Money(450, "EUR")


@pytest.mark.parametrize("lang", ["en", "fi", "fr", "ro"])
def test_the_examples_a_refusal_offers_read_in_the_readers_language(lang: str) -> None:
    with speaking(lang):
        said = words(InvalidAmount("no_amount"))
        examples = re.findall(r"`([^`]+)`", said)
        assert len(examples) == 4, said
        for example in examples:
            assert parse_amount(example, "EUR").minor > 0, (lang, example)


@pytest.mark.parametrize("lang", ["fi", "fr", "ro"])
def test_a_short_amount_as_shown_reads_back_in_its_language(lang: str) -> None:
    for minor in (1_250_000, 120_000_000, 300_000_000_000):
        with speaking(lang):
            shown = format_short(Money(minor, "EUR"))
            assert parse_amount(shown, "EUR") == Money(minor, "EUR"), shown
    with speaking("en"), pytest.raises(InvalidAmount):  # English keeps its k, m, b only
        parse_amount("12,5 t. €")
