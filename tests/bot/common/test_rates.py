"""Rates set by hand: conversion into the workspace currency, exact and rounded once."""

from decimal import Decimal

from bot.common.money import Money, Rates, parse_rate

RATES = Rates("USD", {"EUR": Decimal("1.08"), "JPY": Decimal("0.0067")})


def test_convert_between_currencies_with_different_minor_digits():
    assert RATES.convert(Money(100_000, "EUR")) == Money(108_000, "USD")
    assert RATES.convert(Money(1_000_000, "JPY")) == Money(670_000, "USD")
    assert RATES.convert(Money(500, "USD")) == Money(500, "USD")
    assert RATES.convert(Money(100, "GBP")) is None


def test_at_least_is_the_smallest_amount_worth_the_threshold():
    assert RATES.at_least(1_000_000, "USD") == 1_000_000
    assert RATES.at_least(1_000_000, "JPY") == 1_492_538  # ¥1,492,538 x 0.0067 >= $10,000
    assert RATES.at_least(1_000_000, "GBP") is None


def test_total_only_adds_what_has_a_rate_and_names_the_rest():
    total, missing = RATES.total([Money(100, "USD"), Money(100, "EUR"), Money(1, "GBP")])
    assert (total, missing) == (Money(208, "USD"), ["GBP"])
    assert RATES.total([Money(100, "USD")]) == (None, [])


def test_parse_rate():
    assert parse_rate("1.08") == Decimal("1.08") and parse_rate("0,5") == Decimal("0.5")
    for bad in ("0", "-1", "abc", "1e3", "1.2.3", ""):
        assert parse_rate(bad) is None, bad
