"""Every refusal of deals and money has words, and the words keep user text inert."""

import ast
import inspect
from pathlib import Path

import pytest

from bot.common import errors as domain
from bot.common.errors import AmbiguousDeal, NotAllowed, StaleDeal
from handlers.deals.words import suggestion
from handlers.kit.errors import WORDS, words

ROOT = Path(__file__).resolve().parents[3]
ERRORS = {
    name
    for name, cls in inspect.getmembers(domain, inspect.isclass)
    if issubclass(cls, domain.DomainError)
}
# Where deals and money refuse: the domain, and the Slack layer's own checks.
SOURCES = [
    *sorted((ROOT / "bot" / "deals").glob("*.py")),
    ROOT / "bot" / "common" / "amounts.py",  # the money parser
    *sorted((ROOT / "handlers" / "deals").glob("*.py")),
    *sorted((ROOT / "handlers" / "kit").glob("*.py")),
    ROOT / "handlers" / "commands.py",
]


def raised_codes(path: Path) -> list[tuple[int, str]]:
    """(line, code) of every `SomeError("code", ...)` made in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS:
            first = node.args[0] if node.args else None
            assert isinstance(first, ast.Constant), f"{path.name}:{node.lineno} code is a constant"
            found.append((node.lineno, first.value))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_code_raised_has_words(path):
    codes = raised_codes(path)
    missing = [f"{path.name}:{line} {code}" for line, code in codes if code not in WORDS]
    assert missing == []


def test_the_scan_sees_the_refusals():
    codes = {code for path in SOURCES for _, code in raised_codes(path)}
    assert {"deal_unknown", "moved_meanwhile", "not_an_amount", "not_a_page"} <= codes
    assert all(" " not in code for code in codes)  # no sentence left in place of a code


def test_a_stale_move_names_who_moved_it_and_a_missing_actor_is_left_out():
    e = StaleDeal("moved_meanwhile", number=1, name="A<b>", stage="Won", by="U0BOB")
    assert words(e) == "#1 A&lt;b&gt; was already moved to Won by <@U0BOB>. Nothing was changed."
    e = StaleDeal("moved_meanwhile", number=1, name="A", stage="Won", by=None)
    assert words(e) == "#1 A was already moved to Won. Nothing was changed."


def test_names_in_refusals_are_escaped():
    e = NotAllowed("already_at", number=3, name="<!channel>", stage="Won")
    assert words(e) == "#3 &lt;!channel&gt; is already at Won."
    e = AmbiguousDeal("deal_ambiguous", text="*x*", deals=[(1, "x & y"), (2, "x")])
    assert words(e).startswith("“\u200b*x\u200b*” matches several deals: #1 x &amp; y, #2 x.")


def test_a_suggestion_is_the_closest_else_the_newest_else_how_to_start():
    assert suggestion([(1, "Acme")], []) == " Did you mean #1 Acme?"
    assert suggestion([], [(2, "Beta"), (1, "Acme")]) == (
        " The newest deals are: #2 Beta, #1 Acme. `/deal list` shows them all."
    )
    assert suggestion([], []).startswith(" There are no deals yet")
