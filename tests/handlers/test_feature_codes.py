"""Every domain error code raised in these features has words, from its own feature's catalog.

The codes are read from the source: any `InvalidInput("code", ...)`, `NotAllowed(...)` and
so on, raised or built, with the code as a literal. A sentence instead of a code, or a
code worded by another feature (the merge would hide one of the two), fails here. The
kit's catalog words the refusals every feature shares (a broken form).
"""

import ast
import re
from pathlib import Path

import pytest

from bot.common import errors as domain
from handlers.accounts.words import WORDS as ACCOUNTS
from handlers.kit.errors import WORDS
from handlers.kit.words import WORDS as COMMON
from handlers.pipeline.words import WORDS as PIPELINE
from handlers.qualification.words import WORDS as QUALIFICATION
from handlers.teams.words import WORDS as TEAMS

ROOT = Path(__file__).resolve().parents[2]
KINDS = {
    name
    for name, kind in vars(domain).items()
    if isinstance(kind, type) and issubclass(kind, domain.DomainError)
}
CODE = re.compile(r"[a-z][a-z0-9_]*")
# Each feature's bot and handlers packages, and the catalog that words its codes.
FEATURES = {
    "qualification": QUALIFICATION,
    "pipeline": PIPELINE,
    "accounts": ACCOUNTS,
    "teams": TEAMS,
    "workspaces": {},
    "threads": {},
}


def built_errors(folder: str) -> list[tuple[str, object]]:
    """(where, first argument) of every domain error built in the folder's modules."""
    found = []
    for path in sorted((ROOT / folder).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in KINDS and name != "DomainError":
                first = node.args[0] if node.args else None
                code = first.value if isinstance(first, ast.Constant) else ast.dump(first)
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", code))
    return found


def raised_in(feature: str) -> list[tuple[str, object]]:
    """The domain errors built in the feature's bot and handlers packages."""
    return [hit for layer in ("bot", "handlers") for hit in built_errors(f"{layer}/{feature}")]


@pytest.mark.parametrize("feature", list(FEATURES))
def test_every_code_raised_has_words_in_its_feature(feature):
    for where, code in raised_in(feature):
        assert isinstance(code, str) and CODE.fullmatch(code), f"{where}: {code!r} is not a code"
        if code in COMMON and code not in FEATURES[feature]:
            continue  # a refusal every feature shares (a broken form), worded in the kit
        assert code in FEATURES[feature], f"{where}: no words for {code!r}"
        assert WORDS[code] is FEATURES[feature][code], f"{where}: {code!r} is worded elsewhere"


def test_the_scan_sees_the_errors():
    codes = {code for _, code in built_errors("bot/qualification")}
    assert {"needs_qualification", "qualified_only", "bant_answer_missing"} <= codes


@pytest.mark.parametrize("feature", [f for f, words in FEATURES.items() if words])
def test_no_words_are_left_without_a_code(feature):
    assert set(FEATURES[feature]) <= {code for _, code in raised_in(feature)}
