"""access.asking_first: work that needs Slack's word on an admin runs again once Slack was
asked with no unit of work open, unless it committed a unit already (then Slack is asked
in place, and nothing is done twice)."""

from bot.teams import access
from bot.workspaces.service import ensure_workspace
from storage import db

TEAM = "T0ASK"


class Slack:
    """A lookup that remembers, as handlers/teams/asking.SlackAdmins does; `open` records
    whether a unit of work was open (the writer's turn taken) when Slack was asked."""

    def __init__(self) -> None:
        self.seen: dict[str, bool] = {}
        self.asked: list[tuple[str, bool]] = []

    def knows(self, user_id: str) -> bool:
        return user_id in self.seen

    def __call__(self, user_id: str) -> bool:
        if user_id not in self.seen:
            self.asked.append((user_id, db._sqlite_writer.locked()))
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
    if database.dialect.name == "sqlite":
        assert slack.asked == [("U0ANN", False)]  # the writer's turn was not held
    else:
        assert [who for who, _ in slack.asked] == ["U0ANN"]


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
    assert [who for who, _ in slack.asked] == ["U0ANN"]


def test_without_asking_first_slack_is_asked_in_place(database):
    slack = Slack()
    token = access.ask_slack(slack)
    try:
        with db.session_scope() as s:
            ensure_workspace(session=s, team_id=TEAM)
            assert access.is_admin(s, TEAM, "U0ANN") is True
    finally:
        access.stop_asking(token)
    assert [who for who, _ in slack.asked] == ["U0ANN"]
