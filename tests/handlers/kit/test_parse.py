"""Reading /deal's text."""

import pytest

from handlers.deals.new import split_amount
from handlers.kit.parse import Parsed, mentions, split, strip_mentions, unescape


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
        ("12k", "12k", None),
    ],
)
def test_name_and_amount(text, name, amount):
    assert split_amount(text) == (name, amount)


def test_mentions_from_escaped_command_text():
    text = "Acme 12k <@U0BOB|bob> <@U0ANN> <@U0BOB|bob>"
    assert mentions(text) == ["U0BOB", "U0ANN"]
    assert strip_mentions(text) == "Acme 12k"


def test_split_and_unescape():
    assert split("  MOVE 12 proposal ") == Parsed("move", "12 proposal")
    assert split("") == Parsed("", "")
    assert unescape("&lt;!channel&gt; &amp;") == "<!channel> &"
