"""Block Kit rendered as terminal text for demo and console."""

from __future__ import annotations

from bot.local.standin import Message, SlackStandIn, describe, render_message, render_view
from tests.bot.local.standin.test_driver import CARD, MODAL


def test_message_blocks_as_text() -> None:
    users = SlackStandIn().users
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Acme Corp"}},
        {"type": "section", "text": {"type": "mrkdwn",
         "text": "*#12* owner <@U0BOB> &lt;b&gt; &amp; <https://x.io|site> <!here>"},
         "fields": [{"type": "mrkdwn", "text": "*Value*\n€12,000"},
                    {"type": "mrkdwn", "text": "*Stage*\nProposal"},
                    {"type": "mrkdwn", "text": "*Next*\n" + "call " * 10}]},
        {"type": "divider"},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "by <@U0ANN|ann>"}]},
        *CARD[1:],
    ]
    text, elements = render_message({"text": "fallback", "blocks": blocks}, users, numbered=True)
    lines = text.splitlines()
    assert lines[0] == "== Acme Corp =="
    assert lines[1] == "*#12* owner @bob <b> & site @here"
    assert "  *Value* €12,000".ljust(41) + "*Stage* Proposal" in lines
    assert "  *Next* call call" in text and "─" * 40 in lines and "  by @ann" in lines
    assert "[1: Back ]  [2: Advance ]  [3: Stage v ]  [4: Owner v ]" in text
    assert [(e.number, e.action_id, e.value) for e in elements[:2]] == [
        (1, "move", "12:lead"), (2, "move", "12:proposal")]
    assert elements[2].options == [("Lead", "lead"), ("Proposal", "proposal")]
    assert elements[2].block_id == "moves"
    plain, none = render_message({"blocks": blocks})
    assert none == [] and "[ Advance ]" in plain
    assert all(len(line) <= 80 for line in text.splitlines())


def test_selected_values_and_plain_text() -> None:
    select = {**CARD[1]["elements"][2], "initial_option": CARD[1]["elements"][2]["options"][1]}
    text, _ = render_message({"blocks": [{"type": "actions", "elements": [select]}]})
    assert text == "[ Stage: Proposal v ]"
    long = Message("1.1", "C0SALES", "UDEALBOT", "word " * 40)
    text, _ = render_message(long)
    assert len(text.splitlines()) == 3 and max(map(len, text.splitlines())) <= 80


def test_view_fields_are_numbered() -> None:
    text, fields = render_view(MODAL, numbered=True)
    lines = text.splitlines()
    assert lines[0] == "=== New lead ==="
    assert " 1. Name *  (text)" in lines
    assert " 2. Amount  (number)" in lines
    assert " 3. Stage *  (choose one)" in lines and "     options: Lead | Proposal" in lines
    assert "     now: Lead" in lines
    assert lines[-1] == "[ Create ]"
    assert [(f.number, f.block_id, f.kind, f.optional) for f in fields][:2] == [
        (1, "name", "input", False), (2, "amount", "input", True)]
    assert fields[2].initial["value"] == "lead"


def test_describe_heading() -> None:
    s = SlackStandIn()
    msg = Message("1.2", "C0SALES", "UDEALBOT", "x", thread_ts="1.1", ephemeral_to="U0ANN")
    head = describe(msg, s.users, s.channels)
    assert "#sales" in head and "@dealbot" in head and "in thread" in head
    assert "only visible to @ann" in head
