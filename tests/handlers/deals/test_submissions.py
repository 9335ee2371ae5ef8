"""Form submissions: a refused field is told in the user's words, next to that field."""

import pytest

from bot.common.errors import InvalidInput
from bot.common.money import parse_amount
from handlers.deals.submissions import check, lost_change
from handlers.kit.ids import Block
from handlers.kit.metadata import ModalMeta
from tests.words import refused


def test_a_field_check_puts_the_refusal_under_its_field():
    problems: dict[str, str] = {}
    assert check(problems, Block.value, lambda: parse_amount("12k")).minor == 1_200_000
    assert check(problems, Block.value, lambda: parse_amount("-5")) is None
    assert problems == {
        Block.value: "`-5` is not an amount: amounts can't be negative. "
        "Try `12k`, `12.5k`, `$12,000` or `€4 500`."
    }


def test_a_field_check_lets_unexpected_errors_through():
    with pytest.raises(ZeroDivisionError):
        check({}, Block.value, lambda: 1 / 0)


def test_the_lost_form_needs_a_reason_from_the_list():
    with refused(InvalidInput, "Pick a reason from the list"):
        lost_change("T", "U0ANN", ModalMeta(deal=1), {Block.reason: "no_such_reason"})
