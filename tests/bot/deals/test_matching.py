"""Finding a stage or a deal from what a seller typed."""

import re

import pytest

from bot.common.errors import AmbiguousDeal, DealNotFound, StageNotFound
from bot.deals.matching import match_stage, name_words, parse_number, pick_deal, suggestions
from bot.pipeline.templates import GENERIC
from storage.models import Deal, Stage
from tests.words import refused, told

STAGES = [
    Stage(id=i, team_id="T", key=s.key, name=s.name, position=i, probability=s.probability,
          kind=s.kind)
    for i, s in enumerate(GENERIC)
]


@pytest.mark.parametrize(
    ("typed", "key"),
    [("proposal", "proposal"), ("PROPOSAL", "proposal"), ("Proposal received", "proposal"),
     ("propos", "proposal"), ("needs", "needs"), ("  first   MEETING ", "contacted"),
     ("won", "won"), ("verbal", "committed")],
)
def test_stage_by_key_name_or_unambiguous_part(typed, key):
    assert match_stage(STAGES, typed).key == key


def test_ambiguous_part_names_the_candidates():
    with pytest.raises(StageNotFound) as e:
        match_stage(STAGES, "ed")  # in many names
    assert "fits several stages" in told(e)


def test_unknown_stage_lists_every_stage():
    with pytest.raises(StageNotFound) as e:
        match_stage(STAGES, "banana")
    msg = told(e)
    assert "There is no stage “banana”" in msg
    assert all(f"`{s.key}`" in msg for s in STAGES)


def test_deal_numbers():
    assert parse_number("12") == 12
    assert parse_number("#12") == 12
    assert parse_number("acme") is None
    assert parse_number("12a") is None


def test_no_stage_typed_lists_every_stage():
    says = re.escape("Which stage? The stages are: `prospect` (Prospect identified), `qualified`")
    with refused(StageNotFound, says):
        match_stage(STAGES, "   ")


def deal(number: int, name: str) -> Deal:
    return Deal(id=number, team_id="T", number=number, name=name, stage_id=1, owner_id="U",
                created_by="U")


def test_a_name_part_picks_the_one_deal_or_names_the_candidates():
    acme, beta, labs = deal(1, "Acme"), deal(2, "Beta"), deal(3, "Beta Labs")
    assert pick_deal("acme", [acme], []) is acme
    assert pick_deal("BETA", [labs, beta], []) is beta  # an exact name wins over a part
    with pytest.raises(AmbiguousDeal) as e:
        pick_deal("lab", [labs, deal(4, "Lab <b>")], [])
    assert told(e) == (
        "“lab” matches several deals: #3 Beta Labs, #4 Lab &lt;b&gt;. Use the number, e.g. `#3`."
    )


def test_an_unknown_name_suggests_the_closest_or_the_newest_or_how_to_start():
    names = [(3, "Initech"), (2, "Globex"), (1, "Acme Corp")]
    assert suggestions("acme crop", names) == {"near": [(1, "Acme Corp")], "newest": []}
    assert suggestions("zzz", names)["newest"] == names
    with refused(DealNotFound, "No deal matches “zzz”. The newest deals are: #3 Initech, "):
        pick_deal("zzz", [], names)
    with refused(DealNotFound, "There are no deals yet: create one with `/deal new"):
        pick_deal("zzz", [], [])


def test_name_words_finds_the_longest_start_that_is_a_whole_deal_name():
    names = ["Acme", "Acme Corp", "Acme Corp Renewal", "Initech"]
    assert name_words(["acme", "corp", "called", "again"], names) == 2
    assert name_words(["ACME", "Corp", "renewal", "is", "due"], names) == 3
    assert name_words(["acme", "corp"], names) == 2  # the whole text: the note is missing
    assert name_words(["acme", "called"], names) == 0  # one word: the usual reference
    assert name_words(["initech"], names) == 0
    assert name_words([], names) == 0
