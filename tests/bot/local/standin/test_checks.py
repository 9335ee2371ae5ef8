"""Pure checks of messages and views."""

from __future__ import annotations

from bot.local.standin.checks import (
    check_blocks,
    check_message,
    check_required,
    check_view,
    decode_json_arg,
)

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}


def test_required_args_reported_and_alternatives() -> None:
    assert check_required("chat.postMessage", {"text": "x"}) == [
        "chat.postMessage: missing required argument 'channel'"
    ]
    assert check_required("chat.postMessage", {"channel": "C1"}) == []
    assert check_required("views.update", {"view": {}})  # needs view_id or external_id
    assert check_required("views.update", {"view": {}, "external_id": "e"}) == []


def test_message_needs_text_or_blocks() -> None:
    assert check_message({}) == ["message has neither text nor blocks"]
    assert check_message({"text": "x"}) == []
    assert check_message({"blocks": [SECTION]}) == []


def test_blocks_limits_and_models() -> None:
    assert check_blocks([SECTION] * 50, limit=50) == []
    assert check_blocks([SECTION] * 51, limit=50) == ["blocks: 51 blocks, the limit is 50"]
    long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    assert check_blocks([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3000}}],
                        limit=50) == []
    assert "3000" in check_blocks([long], limit=50)[0]
    assert "unknown block type" in check_blocks([{"type": "sektion"}], limit=50)[0]
    assert check_blocks("[]", limit=50) == ["blocks: must be an array, got str"]
    field = {"type": "section", "fields": [{"type": "mrkdwn", "text": "y" * 2001}]}
    assert "2000" in check_blocks([field], limit=50)[0]


def test_view_rules() -> None:
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "New lead"},
             "submit": {"type": "plain_text", "text": "Create"},
             "blocks": [{"type": "input", "block_id": "name", "label":
                         {"type": "plain_text", "text": "Name"},
                         "element": {"type": "plain_text_input", "action_id": "v"}}]}
    assert check_view(modal) == []
    assert "view.submit is required" in check_view({**modal, "submit": None})[0]
    assert check_view({**modal, "title": None}) == ["view.title is required for a modal"]
    assert check_view({**modal, "blocks": [SECTION] * 101})[0].startswith("view.blocks: 101")
    assert check_view({**modal, "type": "dialog"})
    mrkdwn_title = {**modal, "title": {"type": "mrkdwn", "text": "x"}}
    assert "plain_text" in check_view(mrkdwn_title)[0]


def test_decode_json_arg() -> None:
    assert decode_json_arg('[{"type": "divider"}]') == ([{"type": "divider"}], None)
    assert decode_json_arg([1]) == ([1], None)
    assert decode_json_arg("{oops")[1] is not None
