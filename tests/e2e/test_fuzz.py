"""Seeded fuzzing through the real app: every /deal text and interactive payload is answered.

A short run of `tests/e2e/fuzzing.py` on the test database (SQLite, or PostgreSQL with
TEST_DATABASE_URL); `bench/fuzz.py` runs the same fuzzer long, with any seed.
"""

import pytest

from handlers.followups import dms as reminders
from tests.e2e.fuzzing import Fuzzer

COMMANDS, PAYLOADS = 100, 50  # a few seconds a seed


@pytest.mark.parametrize("seed", [1])
def test_random_commands_and_payloads_get_answers_never_errors(slack, seed):
    found = Fuzzer(slack, seed).run(COMMANDS, PAYLOADS)
    assert sum(found.sent.values()) == COMMANDS + PAYLOADS
    assert not found.counts, f"seed {seed}:\n{found.report()}"


def test_the_reminder_dms_buttons_are_fuzzed_too(slack):
    found = Fuzzer(slack, 3).run(0, 120)
    assert not found.counts, f"seed 3:\n{found.report()}"
    for action in (reminders.DONE, reminders.SNOOZE, reminders.SHOW):
        assert found.clicked[action], (action, found.clicked)
