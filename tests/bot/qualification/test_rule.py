"""The written MQL→SQL rule over every combination of answers, and its small parts. Pure."""

import itertools

import pytest

from bot.common.errors import InvalidInput
from bot.qualification.rule import (
    PARTS,
    Answers,
    clean_note,
    rule_text,
    shortfall,
    summary_text,
    verdict,
)
from tests.words import refused

# The rule as DOMAIN.md and the README write it, spelled out answer by answer:
# 1 = met, 0 = answered and not met, None = unknown.
MET = {
    "budget": {"confirmed": 1, "allocating": 1, "unknown": None, "none": 0},
    "authority": {"decision_maker": 1, "influencer": 1, "no_access": 0, "unknown": None},
    "need": {"critical": 1, "nice": 0, "unclear": None, "none": 0},
    "timeline": {"month": 1, "quarter": 1, "later": 0, "none": 0},
}
HEAT = {"month": "hot", "quarter": "warm", "later": "cold", "none": "cold"}
SIGN = {1: "✓", 0: "✗", None: "?"}


def test_the_table_covers_every_choice_the_dialog_offers():
    assert {part: set(choices) for part, choices in MET.items()} == {
        part: set(choices) for part, choices in PARTS.items()
    }


@pytest.mark.parametrize("threshold", [2, 3, 4])
def test_every_combination_gets_the_written_verdict(threshold):
    combos = list(itertools.product(*(MET[p] for p in ("budget", "authority", "need", "timeline"))))
    assert len(combos) == 256
    qualified_count = 0
    for b, a, n, t in combos:
        flags = [MET["budget"][b], MET["authority"][a], MET["need"][n], MET["timeline"][t]]
        count = len([f for f in flags if f == 1])
        ruled_out = b == "none" or a == "no_access"  # a known "no" outweighs the count
        expected_sql = MET["need"][n] == 1 and count >= threshold and not ruled_out
        got = verdict(Answers(budget=b, authority=a, need=n, timeline=t), threshold)
        assert got.score == count, (b, a, n, t)
        assert got.qualified is expected_sql, (b, a, n, t, threshold)
        assert got.temperature == HEAT[t]
        assert got.suggest_disqualify is (b == "none" or a == "no_access"), (b, a)
        assert got.marks == " ".join(f"{k}{SIGN[f]}" for k, f in zip("BANT", flags, strict=True))
        assert got.headline == ("SQL" if expected_sql else "MQL") + " · " + HEAT[t]
        qualified_count += expected_sql
    # Need critical, no "no budget" or "no access", and of the other three enough are met:
    # budget and authority each have 2 choices met and 1 not (the disqualifying one left
    # out), timeline 2 and 2: (1 + 2x)²(2 + 2x) = 2 + 10x + 16x² + 8x³.
    assert qualified_count == {2: 10 + 16 + 8, 3: 16 + 8, 4: 8}[threshold]


def test_no_budget_and_no_access_are_never_qualified_whatever_the_rule():
    answers = Answers("none", "no_access", "critical", "month")
    v = verdict(answers, 2)
    assert (v.score, v.qualified, v.suggest_disqualify, v.headline) == (2, False, True, "MQL · hot")
    assert shortfall(answers, v) == (
        "2 of 4 are met, but not while there is no budget and no access yet")


def test_an_answer_outside_the_dialog_or_a_bad_threshold_is_refused():
    with refused(InvalidInput, "Budget"):
        Answers(budget="lots", authority="unknown", need="nice", timeline="none")
    with refused(InvalidInput, "2, 3 or 4"):
        verdict(Answers("confirmed", "influencer", "critical", "month"), 5)


def test_a_note_is_trimmed_empty_is_none_and_a_long_one_is_refused():
    assert clean_note("  20k approved ") == "20k approved"
    assert clean_note("   ") is None and clean_note(None) is None
    assert clean_note("x" * 500) == "x" * 500
    with refused(InvalidInput, "Keep each note under 500 characters."):
        clean_note("x" * 501)


def test_shortfall_says_why_it_is_not_qualified_yet():
    no_need = Answers("confirmed", "decision_maker", "nice", "month")
    assert shortfall(no_need, verdict(no_need)) == "the need is not confirmed as critical"
    too_few = Answers("unknown", "unknown", "critical", "month")
    assert shortfall(too_few, verdict(too_few)) == "2 of 4 are met; the rule needs 3"


def test_summary_and_rule_text_are_the_lines_people_read():
    answers = Answers("confirmed", "unknown", "critical", "later")
    assert summary_text(False, "cold", answers) == "MQL · cold · B✓ A? N✓ T✗"
    assert "at least 2 of the four" in rule_text(2, strict=False)
    assert "asks first" in rule_text(3, strict=False)
    assert "cannot move past the qualification stage" in rule_text(3, strict=True)
