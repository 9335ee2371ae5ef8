"""Joining a channel that removed dealbot, and calling Slack again once."""

import logging
from datetime import UTC, datetime

import pytest
from slack_sdk.errors import SlackApiError

from handlers.deals.posting import _post_card
from handlers.kit.delivery import find_tagged, joining, tag
from storage.models import Outbox
from tests.handlers.deals.test_card import view


def refused(error: str) -> SlackApiError:
    return SlackApiError(error, {"ok": False, "error": error})


def script(*answers):
    """A call that gives each answer in turn (raising the errors)."""
    left = list(answers)

    def call(**__):
        answer = left.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return call


class Slack:
    """A client whose methods answer from a script each, and which notes every call."""

    def __init__(self, **answers):
        self.scripts = {name: script(*a) for name, a in answers.items()}
        self.calls: list[tuple[str, dict]] = []

    def __getattr__(self, name):
        def call(**args):
            self.calls.append((name, args))
            return self.scripts[name](**args)

        return call

    def called(self, name: str) -> list[dict]:
        return [args for n, args in self.calls if n == name]


def test_not_in_channel_joins_and_calls_again_once():
    slack = Slack(conversations_join=[{"ok": True}])
    assert joining(slack, "C1", script(refused("not_in_channel"), "found")) == "found"
    assert slack.called("conversations_join") == [{"channel": "C1"}]


@pytest.mark.parametrize("error", ["channel_not_found", "is_archived", "ratelimited"])
def test_other_errors_are_raised_without_joining(error):
    slack = Slack()
    with pytest.raises(SlackApiError) as raised:
        joining(slack, "C1", script(refused(error)))
    assert raised.value.response["error"] == error and slack.calls == []


def test_a_second_not_in_channel_is_not_tried_a_third_time():
    slack = Slack(conversations_join=[{"ok": True}])
    with pytest.raises(SlackApiError):
        joining(slack, "C1", script(*[refused("not_in_channel")] * 3))
    assert len(slack.called("conversations_join")) == 1


def test_a_refused_join_is_logged_and_the_call_stays_not_in_channel(caplog):
    """The row pauses (not_in_channel is a channel refusing us), whatever the join said."""
    slack = Slack(conversations_join=[refused("method_not_supported_for_channel_type")])
    with caplog.at_level(logging.INFO, "dealbot"), pytest.raises(SlackApiError) as raised:
        joining(slack, "G1", script(refused("not_in_channel")))
    assert raised.value.response["error"] == "not_in_channel"
    assert "cannot join G1: method_not_supported_for_channel_type" in caplog.text


def outbox(uncertain: bool) -> Outbox:
    return Outbox(
        id=7,
        team_id="T",
        kind="card_post",
        channel_id="C1",
        user_id="U0ANN",
        uncertain=uncertain,
        created_at=datetime(2026, 12, 1, tzinfo=UTC),
    )


def test_an_uncertain_send_looks_again_after_joining():
    mine = {"ts": "1.5", "metadata": tag(outbox(True))}
    slack = Slack(
        conversations_history=[refused("not_in_channel"), {"messages": [mine]}],
        conversations_join=[{"ok": True}],
    )
    assert find_tagged(slack, outbox(True), "C1") == "1.5"
    assert len(slack.called("conversations_history")) == 2


def test_a_card_in_a_channel_that_removed_dealbot_joins_it_and_is_posted():
    slack = Slack(
        chat_postMessage=[refused("not_in_channel"), {"channel": "C1", "ts": "2.0"}],
        conversations_join=[{"ok": True}],
    )
    assert _post_card(slack, outbox(False), view(), None) == {"channel": "C1", "ts": "2.0"}
    assert [n for n, __ in slack.calls] == [
        "chat_postMessage",
        "conversations_join",
        "chat_postMessage",
    ]


def test_a_card_in_a_private_channel_that_removed_dealbot_stays_not_in_channel():
    slack = Slack(
        chat_postMessage=[refused("not_in_channel")],
        conversations_join=[refused("method_not_supported_for_channel_type")],
    )
    with pytest.raises(SlackApiError) as raised:
        _post_card(slack, outbox(False), view(), None)
    assert raised.value.response["error"] == "not_in_channel"  # send_card: "invite me"
