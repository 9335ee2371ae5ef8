"""Finding a stage from what a seller typed."""

import pytest

from bot.common.errors import StageNotFound
from bot.deals.matching import match_stage, parse_number
from bot.pipeline.templates import GENERIC
from storage.models import Stage

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
    assert "fits several stages" in str(e.value)


def test_unknown_stage_lists_every_stage():
    with pytest.raises(StageNotFound) as e:
        match_stage(STAGES, "banana")
    msg = str(e.value)
    assert "There is no stage “banana”" in msg
    assert all(f"`{s.key}`" in msg for s in STAGES)


def test_deal_numbers():
    assert parse_number("12") == 12
    assert parse_number("#12") == 12
    assert parse_number("acme") is None
    assert parse_number("12a") is None
