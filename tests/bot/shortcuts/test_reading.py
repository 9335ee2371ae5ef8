"""What a message says about a lead: name, company and amount (bot/shortcuts/reading.py)."""

import pytest

from bot.common.money import Money
from bot.shortcuts import reading


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Acme Corp wants a demo\nthey have 40 seats", "Acme Corp wants a demo"),
        ("\n\n  > Forwarded: Nordlys Oy pricing  \nmore", "Forwarded: Nordlys Oy pricing"),
        ("", ""),
        ("   \n \n", ""),
        ("a  lot\tof   space", "a lot of space"),
    ],
)
def test_the_name_is_the_first_line(text: str, name: str) -> None:
    assert reading.first_line(text) == name


def test_a_long_first_line_is_cut_to_the_name_limit_at_a_word() -> None:
    line = "Acme " * 60
    name = reading.first_line(line)
    assert len(name) <= reading.NAME_MAX and name.endswith("…")
    assert name[:-1].rstrip().endswith("Acme")
    assert len(reading.first_line("x" * 400)) == reading.NAME_MAX


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Lead: Nordlys Oy wants 20 seats", "Nordlys Oy"),
        ("Talked to Müller Bau GmbH today", "Müller Bau GmbH"),
        ("Hi, we at Costa Verde SRL need a quote", "Costa Verde SRL"),
        ("Globex Inc. asked for pricing", "Globex Inc."),
        ("New inbound from Acme Corp: demo please", "Acme Corp"),
        ("Met Ann at Initech, she wants a trial", "Initech"),
        ("Please call pat@wayne-enterprises.com back", "Wayne-enterprises"),
        ("ann@gmail.com wants a demo", None),
        ("we want a demo", None),
        ("from the website form", None),
    ],
)
def test_a_company_when_it_is_plainly_named(text: str, company: str | None) -> None:
    assert reading.company(text) == company


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("budget is $12,000 this year", Money(1_200_000, "USD")),
        ("around €4 500 per month", Money(450_000, "EUR")),
        ("EUR 4500 for the pilot", Money(450_000, "EUR")),
        ("they have 12k to spend", Money(1_200_000, "USD")),
        ("4500 EUR", Money(450_000, "EUR")),
    ],
)
def test_an_amount_with_a_currency_or_a_multiplier(text: str, amount: Money) -> None:
    assert reading.amount(text) == amount
    assert reading.amount_text(text) is not None


@pytest.mark.parametrize(
    "text",
    ["call me on 2026-12-05", "we are 40 people", "+358 40 123 4567", "Q3 plans", "v2 please"],
)
def test_bare_numbers_are_no_amount(text: str) -> None:
    assert reading.amount(text) is None and reading.amount_text(text) is None


def test_the_amount_takes_the_workspace_currency_when_none_is_written() -> None:
    assert reading.amount("about 12k", "EUR") == Money(1_200_000, "EUR")
