"""access.asking_first: work that needs Slack's word on an admin runs again once Slack was
asked with no unit of work open, unless it committed a unit already (then Slack is asked
in place, and nothing is done twice)."""

import contextvars

from bot.teams import access
from bot.workspaces.service import ensure_workspace
from storage import db

TEAM = "T0ASK"


class Slack:
    """A lookup that remembers, as handlers/teams/asking.SlackAdmins does; `asked` records
    who, and whether a unit of work was open on the thread (storage.db.in_unit) then."""

    def __init__(self) -> None:
        self.seen: dict[str, bool] = {}
        self.asked: list[tuple[str, bool]] = []

    def knows(self, user_id: str) -> bool:
        return user_id in self.seen

    def __call__(self, user_id: str) -> bool:
        if user_id not in self.seen:
            self.asked.append((user_id, db.in_unit()))
            self.seen[user_id] = True
        return self.seen[user_id]


def asking(slack: Slack, work):
    token = access.ask_slack(slack)
    try:
        return access.asking_first(work)
    finally:
        access.stop_asking(token)


def test_the_work_runs_again_once_slack_was_asked_outside_it(database):
    slack, runs = Slack(), []

    def work() -> bool:
        runs.append(1)
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)
            return access.is_admin(s, TEAM, "U0ANN")

    assert asking(slack, work) is True
    assert len(runs) == 2  # stopped at the question, then run with the answer known
    assert slack.asked == [("U0ANN", False)]  # no unit of work open then


def test_work_that_committed_a_unit_asks_in_place_and_runs_once(database):
    slack, runs = Slack(), []

    def work() -> bool:
        runs.append(1)
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)
        with db.session_scope() as s:
            return access.is_admin(s, TEAM, "U0ANN")

    assert asking(slack, work) is True
    assert len(runs) == 1
    assert slack.asked == [("U0ANN", True)]  # in place: the first unit is not done twice


def test_without_asking_first_slack_is_asked_in_place(database):
    slack = Slack()
    token = access.ask_slack(slack)
    try:
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)
            assert access.is_admin(s, TEAM, "U0ANN") is True
    finally:
        access.stop_asking(token)
    assert slack.asked == [("U0ANN", True)]


def test_work_asking_first_inside_work_asking_first_is_the_outer_work_s_turn(database):
    slack, runs = Slack(), []

    def inner() -> bool:
        with db.session_scope() as s:
            return access.is_admin(s, TEAM, "U0ANN")

    def work() -> bool:
        runs.append(1)
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)
        return access.asking_first(inner)  # after a commit: asks in place, runs once

    assert asking(slack, work) is True
    assert len(runs) == 1
    assert slack.asked == [("U0ANN", True)]


def test_a_commit_in_a_copy_of_the_context_counts_for_the_work(database):
    slack, runs = Slack(), []

    def commit() -> None:
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)

    def work() -> bool:
        runs.append(1)
        contextvars.copy_context().run(commit)
        with db.session_scope() as s:
            return access.is_admin(s, TEAM, "U0ANN")

    assert asking(slack, work) is True
    assert len(runs) == 1
