"""Flattening a submitted modal's state."""

import pytest
from slack_sdk.models.views import View

from bot.common.errors import InvalidInput
from handlers.kit.forms import form_values, refusal
from tests.words import refused


def test_every_element_kind_becomes_a_plain_value():
    view = {"state": {"values": {
        "a": {"x": {"type": "plain_text_input", "value": "  Acme  "}},
        "b": {"x": {"type": "static_select", "selected_option": {"value": "price"}}},
        "c": {"x": {"type": "users_select", "selected_user": "U1"}},
        "d": {"x": {"type": "multi_users_select", "selected_users": ["U1", "U2"]}},
        "e": {"x": {"type": "datepicker", "selected_date": "2026-12-31"}},
        "f": {"x": {"type": "static_select", "selected_option": None}},
        "g": {"x": {"type": "plain_text_input", "value": None}},
        "h": {"x": {"type": "checkboxes", "selected_options": [{"value": "v"}]}},
    }}}
    assert form_values(view) == {"a": "Acme", "b": "price", "c": "U1", "d": ["U1", "U2"],
                                 "e": "2026-12-31", "f": "", "g": "", "h": ["v"]}


NOTE_VIEW = {"blocks": [
    {"type": "input", "block_id": "note", "element": {"type": "plain_text_input",
                                                      "action_id": "n", "multiline": True}},
    {"type": "input", "block_id": "name", "element": {"type": "plain_text_input",
                                                      "action_id": "m"}},
]}


def submitted(values: dict) -> dict:
    return {**NOTE_VIEW, "state": {"values": values}}


def test_text_is_cleaned_of_control_characters_and_only_notes_keep_newlines():
    got = form_values(submitted({"note": {"n": {"type": "plain_text_input",
                                                "value": "a\x00b\r\nc\x1b"}},
                                 "name": {"m": {"type": "plain_text_input", "value": "x\ny\x00"}}}))
    assert got == {"note": "ab\nc", "name": "x y"}


@pytest.mark.parametrize("state", [
    None, "x", [], {"values": "x"}, {"values": []}, {"values": {"note": "x"}},
    {"values": {"note": {"n": 5}}},
    {"values": {"note": {"other": {"type": "plain_text_input", "value": "x"}}}},
    {"values": {"elsewhere": {"n": {"type": "plain_text_input", "value": "x"}}}},
])
def test_a_state_slack_would_not_send_is_a_broken_form(state):
    with refused(InvalidInput, "That form is broken; please open it again"):
        form_values({**NOTE_VIEW, "state": state})


def test_a_field_is_read_as_the_view_declares_it():
    got = form_values(submitted({"note": {"n": {"type": "checkboxes", "value": ["x"],
                                                "selected_options": [{"value": "v"}]}}}))
    assert got == {"note": ""}  # a text field stays text, whatever the state claims


def test_a_refusal_shows_under_a_field_the_view_has_or_as_a_notice():
    assert refusal(NOTE_VIEW, {"name": "bad"}) == {
        "response_action": "errors", "errors": {"name": "bad"}}
    assert refusal(NOTE_VIEW, {"lead_name": "bad"}) == {
        "response_action": "errors", "errors": {"note": "bad"}}
    notice = refusal({"blocks": []}, {"lead_name": "bad"})
    assert notice["response_action"] == "update"
    assert notice["view"]["blocks"][0]["text"]["text"] == "bad"
    assert View(**notice["view"]).to_dict()
