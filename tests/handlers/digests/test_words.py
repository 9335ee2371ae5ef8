"""Every refusal of the digests, nudges and Home code has words, and the words escape."""

import ast
import inspect
from datetime import date
from pathlib import Path

import bot.common.errors as domain
from bot.common.errors import InvalidInput
from handlers.kit.errors import WORDS, words

ROOT = Path(__file__).resolve().parents[3]
AREA = [
    *sorted((ROOT / "bot" / "digests").glob("*.py")),
    *sorted((ROOT / "bot" / "nudges").glob("*.py")),
    *sorted((ROOT / "bot" / "home").glob("*.py")),
    ROOT / "bot" / "deals" / "quiet.py",
    *sorted((ROOT / "handlers" / "digests").glob("*.py")),
    *sorted((ROOT / "handlers" / "nudges").glob("*.py")),
    *sorted((ROOT / "handlers" / "home").glob("*.py")),
]
ERRORS = {
    name
    for name, cls in inspect.getmembers(domain, inspect.isclass)
    if issubclass(cls, domain.DomainError)
}


def raised_codes(path: Path) -> list[tuple[str, int, str]]:
    """(file, line, code) of every domain error built in the file with a literal code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        first = node.args[0]
        if name in ERRORS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((path.name, node.lineno, first.value))
    return found


def test_every_code_raised_here_has_words_and_is_no_sentence():
    codes = [c for path in AREA for c in raised_codes(path)]
    assert len(codes) >= 8  # the scan finds them: schedule, subscriptions, nudges, handlers
    assert [c for c in codes if c[2] not in WORDS or " " in c[2]] == []


def test_the_typed_text_is_escaped_in_the_words():
    told = words(InvalidInput("digest_bad_time", text="<!channel> 9am"))
    assert told == "`&lt;!channel&gt; 9am` is not a time of day; write it as HH:MM, e.g. 09:00."
    assert words(InvalidInput("snooze_not_after_today", today=date(2026, 1, 15))) == (
        "Snooze until a day after today (2026-01-15)."
    )
