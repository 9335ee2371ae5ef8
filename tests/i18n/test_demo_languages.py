"""`dealbot demo --language fi|fr|ro`: the whole tour in that language, every payload valid.

run_demo returns 1 when the stand-in saw a call real Slack would refuse (Block Kit, length
limits, arguments), so each language's longest words are checked against Slack's limits.
The cards the tour posts must carry the language's words and none of the English ones.
"""

import re

import pytest

from bot.i18n import _, speaking
from bot.local.demo import run_demo
from bot.pipeline.templates import NAMES

# What every open card shows in English (buttons and field labels), as the catalog has them.
CARD_WORDS = ("Add note", "Tag teammates", "Won", "Lost")
HEADING = re.compile(r"^(\[Globex Inc\] )?── ")


def messages(lines: list[str]) -> list[tuple[str, str]]:
    """(heading, text) of each Slack message the tour printed (narration left out)."""
    found: list[tuple[str, list[str]]] = []
    for line in "\n".join(lines).splitlines():
        if HEADING.match(line):
            found.append((line, []))
        elif line.startswith(("▶", "[Globex Inc] ▶")):
            found.append(("narration", []))
        elif found:
            found[-1][1].append(line)
    return [(h, "\n".join(body)) for h, body in found if h != "narration"]


def cards(lines: list[str]) -> list[str]:
    return [text for heading, text in messages(lines)
            if "only visible" not in heading and re.search(r"^(\[Globex Inc\] )?== #", text)]


@pytest.mark.parametrize("lang", ["fi", "fr", "ro"])
def test_the_tour_runs_in_each_language_with_no_english_left_on_the_cards(lang):
    lines: list[str] = []
    assert run_demo(out=lines.append, language=lang) == 0  # no contract failure
    shown = cards(lines)
    assert len(shown) > 5
    with speaking(lang):
        words = {english: _(english) for english in CARD_WORDS}
    for english, translated in words.items():
        assert translated != english, f"{lang} has no translation for {english!r}"
        label = f"[ {english} ]"
        assert not [c for c in shown if label in c], f"{label} left in a {lang} card"
        assert any(f"[ {translated} ]" in c for c in shown)
    english_stages = [n for n, by in NAMES.items() if by.get(lang, n) != n]
    left = {n for n in english_stages for c in shown if re.search(rf"\b{re.escape(n)}\b", c)}
    assert left == set(), f"English stage names on {lang} cards"
    everything = "\n".join(text for _h, text in messages(lines))
    with speaking(lang):
        assert _("The workspace default is {lang}, set by {user}.").split("{")[0] in everything
