"""What arrives from Slack: text cleaned, button values read, the team, malformed shapes."""

import pytest
from slack_bolt import BoltContext

from handlers.kit.inbound import action_value, clean, team_of, well_formed


def test_control_characters_are_dropped_and_newlines_kept_only_where_wanted():
    assert clean("a\x00b\x07c\x7f\x9bd\ud800e") == "abcde"
    assert clean("one\r\ntwo\rthree\u2028four\x85five") == "one\ntwo\nthree\nfour\nfive"
    assert clean("a\tb\x0bc") == "a b c"
    assert clean("one\ntwo", lines=False) == "one two"
    assert clean("ß 🎉 \u202eevil e\u0301 <!channel>") == "ß 🎉 \u202eevil e\u0301 <!channel>"
    assert clean(None) == clean(5) == clean(["x"]) == ""


def test_a_button_value_or_a_chosen_option_else_nothing():
    assert action_value({"value": "12:3"}) == "12:3"
    assert action_value({"selected_option": {"value": "12:3:4"}}) == "12:3:4"
    assert action_value({"value": "1:1\x00"}) == "1:1"
    for odd in ({}, {"value": None}, {"value": 5}, {"value": ["x"]}, {"selected_option": None},
                {"selected_option": "x"}, {"selected_option": {"value": 5}}, "x", None):
        assert action_value(odd) == ""


def test_the_team_is_the_one_bolt_authorized():
    assert team_of(BoltContext(team_id="T0DEMO")) == "T0DEMO"


CLICK = {"type": "block_actions", "user": {"id": "U0ANN"}, "actions": [{"action_id": "a"}]}
SUBMIT = {"type": "view_submission", "user": {"id": "U0ANN"},
          "view": {"callback_id": "c", "blocks": []}}


@pytest.mark.parametrize("body", [
    CLICK, {**CLICK, "channel": {"id": "C0SALES"}, "view": None}, SUBMIT,
    {**SUBMIT, "view": {**SUBMIT["view"], "state": "x"}},  # the listener answers that one
    {"type": "event_callback", "event": {"type": "message"}},
    {"command": "/deal", "user_id": "U0ANN", "text": "x"},
])
def test_what_slack_sends_is_well_formed(body):
    assert well_formed(body, "T0DEMO")


@pytest.mark.parametrize("body", [
    {**CLICK, "actions": []}, {**CLICK, "actions": "x"}, {**CLICK, "actions": [{}]},
    {**CLICK, "actions": [{"action_id": 5}]}, {**CLICK, "user": None},
    {**CLICK, "user": {"id": "U0\x00"}}, {**CLICK, "view": "x"}, {**CLICK, "channel": "C1"},
    {**CLICK, "channel": {"id": "not a channel"}}, {**SUBMIT, "view": None},
    {**SUBMIT, "view": []}, {**SUBMIT, "view": {"callback_id": "c"}},
    {"type": "event_callback", "event": "x"}, {"command": "/deal", "user_id": None},
])
def test_what_slack_never_sends_is_not(body):
    assert not well_formed(body, "T0DEMO")


def test_a_request_without_a_team_is_not_well_formed():
    assert not well_formed(CLICK, None)
    assert well_formed({"type": "url_verification", "challenge": "x"}, None)
