"""Common wording: every refusal the money parser and the kit give is worded, user text escaped."""

import ast
from pathlib import Path

from bot.common.errors import InvalidAmount, InvalidInput
from bot.common.money import parse_amount
from handlers.kit.errors import WORDS, words
from handlers.kit.words import REASONS, shown
from tests.words import refused

ROOT = Path(__file__).resolve().parents[3]


def _refusal_reasons(path: Path) -> set[str]:
    """The reasons the parser (amounts.py) passes to `_refuse(text, "reason", ...)`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_refuse":
            reason = node.args[1]
            assert isinstance(reason, ast.Constant), f"line {node.lineno}: a reason is a constant"
            found.add(reason.value)
    return found


def test_every_reason_the_money_parser_gives_is_worded():
    reasons = _refusal_reasons(ROOT / "bot" / "common" / "amounts.py")
    assert reasons and reasons <= set(REASONS)
    assert {"no_amount", "not_an_amount"} <= set(WORDS)


def test_a_refused_amount_is_quoted_on_one_line_and_cut():
    assert shown(" 12\n`k ") == "12 'k"
    assert shown("9" * 50) == "9" * 40 + "…"
    assert shown("<!here>") == "&lt;!here&gt;"


def test_the_usage_of_a_command_is_kept_as_written():
    told = words(InvalidInput("deal_ref_missing", usage="Try `/deal note 12 called`."))
    assert told == "Which deal? Try `/deal note 12 called`."


def test_a_broken_button_says_how_to_do_it_by_command():
    assert words(InvalidInput("broken_move_button")).endswith("`/deal move <deal> <stage>`.")


def test_amount_reason_wording_for_a_team_currency():
    with refused(InvalidAmount, "^`¥5000.5` is not an amount: JPY amounts have no decimals\\."):
        parse_amount("¥5000.5")
