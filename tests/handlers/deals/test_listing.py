"""/deal list's words: the scope, and `page N` at the end."""

import pytest

from bot.common.errors import InvalidInput
from bot.deals.listing import PAGE
from handlers.deals.listing import split_page
from tests.words import refused


@pytest.mark.parametrize(
    ("rest", "scope", "offset"),
    [
        ("", "", 0),
        ("mine", "mine", 0),
        ("page 2", "", PAGE),
        ("proposal  PAGE 3", "proposal", 2 * PAGE),
        ("<@U0BOB|bob> page 1", "<@U0BOB|bob>", 0),
        ("front page", "front page", 0),
    ],
)
def test_scope_and_page(rest, scope, offset):
    assert split_page(rest) == (scope, offset)


@pytest.mark.parametrize("bad", ["0", "two", "<b>"])
def test_a_page_that_is_no_number_is_refused_with_the_usage(bad):
    with refused(InvalidInput, r"is not a page number\. Try `/deal list`, `/deal list mine`"):
        split_page(f"mine page {bad}")
