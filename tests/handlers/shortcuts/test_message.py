"""The message of a shortcut read from its payload (handlers/shortcuts/message.py)."""

import json
from pathlib import Path

import pytest

from handlers.shortcuts import message

PAYLOADS = Path(__file__).resolve().parents[4] / "shared" / "slack-contract" / "payloads"


def payload(**message_fields) -> dict:
    body = {
        "type": "message_action",
        "team": {"id": "T111", "domain": "acme"},
        "user": {"id": "W111", "name": "ann"},
        "channel": {"id": "C111", "name": "inbound"},
        "callback_id": "lead_from_message",
        "trigger_id": "1.2.x",
        "message_ts": "1583636382.000300",
        "message": {"type": "message", "text": "hi", "user": "W222", "ts": "1583636382.000300"},
    }
    body["message"].update(message_fields)
    return body


def test_slacks_own_sample_payload_reads() -> None:
    path = PAYLOADS / "shortcut.message_action.json"
    if not path.exists():
        pytest.skip("../shared/slack-contract is not beside the repo")
    body = json.loads(path.read_text())
    said = message.read(body, "T111", "lead")
    assert (said.channel, said.ts, said.thread, said.user) == (
        "C111",
        "1583636382.000300",
        "1583636382.000300",
        "W111",
    )


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"bot_id": "B1", "subtype": "bot_message"}, "bot"),
        ({"user": None, "username": "Zapier"}, "bot"),
        ({"user_team": "T999", "team": "T999"}, "another organization"),
        ({"source_team": "T999"}, "another organization"),
        ({"subtype": "tombstone", "text": "This message was deleted."}, "deleted"),
        ({"ts": None}, "deleted"),
    ],
)
def test_what_is_refused_and_why(fields: dict, why: str) -> None:
    body = payload(**fields)
    if fields.get("ts", "x") is None:
        body.pop("message_ts")
    with pytest.raises(message.Refused) as refused:
        message.read(body, "T111", "lead")
    assert why in refused.value.text and "no lead was created" in refused.value.text


def test_a_reply_keeps_its_thread() -> None:
    said = message.read(payload(thread_ts="1583636000.000100"), "T111", "note")
    assert said.thread == "1583636000.000100" and said.ts == "1583636382.000300"


def test_the_name_line_drops_mentions_broadcasts_and_markup() -> None:
    text = "<!channel> *Acme Corp* wants a _demo_ <@U0BOB> see <https://acme.io|site>"
    words = "Acme Corp wants a demo see site (https://acme.io)"
    assert " ".join(message.name_line(text).split()) == words


def test_mentioned_people_once_each_without_the_skipped() -> None:
    text = "<@U0BOB> and <@U0CAT|cat>, again <@U0BOB>, and me <@U0ANN>"
    assert message.mentioned_people(text, skip={"U0ANN"}) == ["U0BOB", "U0CAT"]
