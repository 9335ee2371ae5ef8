"""Pipeline templates: stages named in the past tense, from the buyer's side, in order."""

import re

import pytest

from bot.pipeline import stages
from bot.pipeline.templates import TEMPLATES

IMPERATIVES = {"send", "call", "make", "book", "schedule", "qualify", "contact", "present", "do",
               "negotiate", "close", "identify", "research", "propose", "build", "follow",
               "check", "meet", "win", "lose", "get", "give", "compile"}
KEY = {p.name: p.key for t in TEMPLATES.values() for p in t}  # each name names one key
PARTICIPLE = re.compile(r"\b(\w+ed|made|given|done|built|held|won|lost|sent)\b", re.I)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_is_named_in_the_past_tense_and_ordered(name):
    specs = TEMPLATES[name]
    for spec in specs:
        assert spec.name.split()[0].casefold() not in IMPERATIVES, spec.name
        assert spec.key in ("won", "lost") or PARTICIPLE.search(spec.name), spec.name
        assert KEY[spec.name] == spec.key  # a name means the same stage in every template
    kinds = [p.kind for p in specs]
    assert kinds[-1] == "lost" and "won" in kinds and kinds.index("won") > 3
    assert all(k == "open" for k in kinds[:kinds.index("won")])
    probs = [p.probability for p in specs if p.kind == "open"]
    assert probs == sorted(probs) and len(set(probs)) == len(probs)
    assert len({p.key for p in specs}) == len(specs) and name in stages.PURPOSES

