"""Flattening a submitted modal's state."""

from handlers.kit.forms import form_values


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
