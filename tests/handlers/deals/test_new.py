"""/deal new in one line: the name, and the amount at its end."""

import pytest

from handlers.deals.new import split_amount


@pytest.mark.parametrize(
    ("text", "name", "amount"),
    [
        ("Acme Corp 12k", "Acme Corp", "12k"),
        ("Acme Corp", "Acme Corp", None),
        ("Acme €4 500", "Acme", "€4 500"),
        ("Acme EUR 4500", "Acme", "EUR 4500"),
        ("Acme $12,000", "Acme", "$12,000"),
        ('"Project 42"', "Project 42", None),
        ('"Project 42" 5k', "Project 42", "5k"),
        ("12k", "", "12k"),  # a value and no name: refused as nameless
    ],
)
def test_name_and_amount(text, name, amount):
    assert split_amount(text) == (name, amount)
