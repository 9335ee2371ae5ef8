"""The duplicate warning's similar names (matching.similar): the same deals, in the same
order, as comparing every candidate in full, however few it compares to find them."""

import difflib
import random
import re

from bot.deals import matching

_DIGITS = re.compile(r"\d+")


def _every_candidate(name: str, names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The rule as first written: every candidate folded and compared, the first 3 kept."""
    want = matching.fold(name)
    words = want.split()
    hits = []
    for number, other in names:
        theirs = matching.fold(other)
        if _DIGITS.findall(theirs) != _DIGITS.findall(want):
            continue
        shorter, longer = sorted((words, theirs.split()), key=len)
        within = bool(shorter) and any(
            longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1)
        )
        close = difflib.SequenceMatcher(None, want, theirs).ratio() >= 0.85
        if theirs == want or within or close:
            hits.append((number, other))
    return hits[:3]


# Case, folding (ß, ﬃ, ǅ), digits of other scripts, numbers, punctuation.
WORDS = ["Acme", "ACME", "acme", "Corp", "Crop", "Straße", "STRASSE", "Deal", "42", "٤٢",
         "01", "Ünïcode", "ǅemal", "Ⅻ", "Project", "Q3", "v2", "Oy", "Ab", "ﬃ", "Acme-Corp",
         "x"]  # fmt: skip


def _name(rng: random.Random) -> str:
    spaces = rng.choice([" ", "  ", "\t", "\u00a0"])
    return spaces.join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))


def test_similar_finds_what_comparing_every_candidate_finds():
    rng = random.Random(12)
    for _ in range(400):  # about half find a similar name, a fifth more than three
        names = [(n, _name(rng)) for n in range(rng.randint(0, 60), 0, -1)]
        typed = _name(rng)
        assert matching.similar(typed, names) == _every_candidate(typed, names)


def test_similar_keeps_the_first_three_in_the_order_given():
    names = [(6, "Acme Corp"), (5, "Acme 2"), (4, "acme"), (3, "Zenith"), (2, "Acme Crop"),
             (1, "ACME")]  # fmt: skip
    assert matching.similar("Acme", names) == [(6, "Acme Corp"), (4, "acme"), (2, "Acme Crop")]
    assert matching.similar("Acme 2", names) == [(5, "Acme 2")]
