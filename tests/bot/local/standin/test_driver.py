"""The driver plays Slack toward a real Bolt app; the app's calls land in the stand-in."""

from __future__ import annotations

from typing import Any

import pytest

from bot.local.standin import SlackStandIn
from bot.local.standin.forms import FormError
from tests.bot.local.standin.conftest import BoltHarness

CARD = [
    {"type": "section", "block_id": "head", "text": {"type": "mrkdwn", "text": "*Acme*"}},
    {"type": "actions", "block_id": "moves", "elements": [
        {"type": "button", "action_id": "move", "value": "12:lead",
         "text": {"type": "plain_text", "text": "Back"}},
        {"type": "button", "action_id": "move", "value": "12:proposal",
         "text": {"type": "plain_text", "text": "Advance"}},
        {"type": "static_select", "action_id": "stage", "placeholder":
         {"type": "plain_text", "text": "Stage"}, "options": [
             {"text": {"type": "plain_text", "text": "Lead"}, "value": "lead"},
             {"text": {"type": "plain_text", "text": "Proposal"}, "value": "proposal"}]},
        {"type": "users_select", "action_id": "owner",
         "placeholder": {"type": "plain_text", "text": "Owner"}},
    ]},
]


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool = False) -> dict:
    return {"type": "input", "block_id": block_id, "optional": optional,
            "label": {"type": "plain_text", "text": label}, "element": element}


MODAL = {
    "type": "modal", "callback_id": "lead", "private_metadata": '{"deal": 12}',
    "title": {"type": "plain_text", "text": "New lead"},
    "submit": {"type": "plain_text", "text": "Create"},
    "blocks": [
        _input("name", "Name", {"type": "plain_text_input", "action_id": "name_in"}),
        _input("amount", "Amount", {"type": "number_input", "action_id": "amt",
                                    "is_decimal_allowed": False}, optional=True),
        _input("stage", "Stage", {"type": "static_select", "action_id": "stage_in",
                                  "initial_option": {"text": {"type": "plain_text",
                                                     "text": "Lead"}, "value": "lead"},
                                  "options": CARD[1]["elements"][2]["options"]}),
        _input("close", "Close", {"type": "datepicker", "action_id": "d"}, optional=True),
        _input("team", "Team", {"type": "multi_users_select", "action_id": "u"}, optional=True),
    ],
}


@pytest.fixture
def app(bolt: BoltHarness) -> BoltHarness:
    a = bolt.app

    @a.command("/deal")
    def deal(ack: Any, body: dict, client: Any, respond: Any) -> None:
        bolt.seen.append(body)
        if body["text"] == "new":
            client.views_open(trigger_id=body["trigger_id"], view=MODAL)
            ack()
        elif body["text"] == "card":
            ack()
            client.chat_postMessage(channel=body["channel_id"], text="Acme", blocks=CARD)
        elif body["text"] == "later":
            ack()
            respond(text="done later")
        else:
            ack(f"Got: {body['text']}")

    @a.action("move")
    def move(ack: Any, body: dict, respond: Any) -> None:
        ack()
        bolt.seen.append(body)
        respond(replace_original=True, text=f"moved {body['actions'][0]['value']}")

    @a.action("stage")
    @a.action("owner")
    def choose(ack: Any, body: dict) -> None:
        ack()
        bolt.seen.append(body)

    @a.view("lead")
    def lead(ack: Any, body: dict, view: dict) -> None:
        bolt.seen.append(body)
        if view["state"]["values"]["name"]["name_in"]["value"] == "x":
            ack(response_action="errors", errors={"name": "Too short"})
        else:
            ack()

    @a.event("app_mention")
    def mention(event: dict, say: Any) -> None:
        say(text="hi <@" + event["user"] + ">", thread_ts=event["ts"])

    @a.event("app_home_opened")
    def home(event: dict, client: Any) -> None:
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": CARD[:1]})

    bolt.start()
    return bolt


def test_slash_ack_text_is_an_ephemeral(app: BoltHarness, standin: SlackStandIn) -> None:
    text = f"tag 12 {app.driver.mention('U0BOB')}"
    reply = app.driver.slash(text, user="U0CAT")
    assert reply.status == 200
    body = app.seen[0]
    assert (body["text"], body["user_id"], body["channel_id"]) == (
        "tag 12 <@U0BOB|bob>", "U0CAT", "C0SALES")
    assert body["response_url"].startswith(standin.base_url)
    assert [m.text for m in standin.ephemerals("U0CAT")] == ["Got: tag 12 <@U0BOB|bob>"]
    assert reply.message is not None and reply.message.source == "ack"
    assert standin.messages("C0SALES") == []


def test_respond_after_ack_is_an_ephemeral(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("later")
    assert [m.source for m in standin.ephemerals("U0ANN")] == ["response_url"]


def test_wrong_signature_is_refused(app: BoltHarness) -> None:
    app.driver.signing_secret = "not-the-secret"
    assert app.driver.slash("hello").status == 401
    assert app.seen == []


def test_click_reaches_the_app(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("card")
    card = standin.last_message("C0SALES")
    assert card is not None and card.blocks == CARD
    app.driver.click("move", value="12:proposal", user="U0BOB")
    body = app.seen[-1]
    assert body["type"] == "block_actions" and body["user"]["id"] == "U0BOB"
    assert body["actions"][0]["value"] == "12:proposal"
    assert body["actions"][0]["block_id"] == "moves"
    assert body["container"] == {"type": "message", "message_ts": card.ts,
                                 "channel_id": "C0SALES", "is_ephemeral": False}
    assert body["message"]["blocks"] == CARD
    assert standin.find_message("C0SALES", card.ts).text == "moved 12:proposal"
    assert standin.contract_failures == []


def test_selects_carry_the_choice(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("card")
    app.driver.click("stage", selected="proposal")
    action = app.seen[-1]["actions"][0]
    assert action["selected_option"]["value"] == "proposal"
    assert app.seen[-1]["state"]["values"]["moves"]["stage"]["selected_option"]["value"] == (
        "proposal")
    app.driver.click("owner", selected="U0CAT")
    assert app.seen[-1]["actions"][0]["selected_user"] == "U0CAT"
    with pytest.raises(ValueError):
        app.driver.click("stage", selected="nonsense")
    with pytest.raises(LookupError):
        app.driver.click("no-such-action")


def test_view_submission_carries_state(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("new")
    (view,) = standin.open_views("U0ANN")
    with pytest.raises(FormError):
        app.driver.submit(view["id"], {"amount": 5})  # name is required
    with pytest.raises(FormError):
        app.driver.submit(view["id"], {"name": "Acme", "amount": "1.5"})
    reply = app.driver.submit(view["id"], {"name": "x"})
    assert reply.errors == {"name": "Too short"}
    assert standin.open_views("U0ANN") == [view]
    app.driver.submit(view["id"], {"name": "Acme", "amount": 12000, "stage": "Proposal",
                                   "close": "2026-12-31", "team": ["U0BOB"]})
    values = app.seen[-1]["view"]["state"]["values"]
    assert values["name"]["name_in"] == {"type": "plain_text_input", "value": "Acme"}
    assert values["amount"]["amt"]["value"] == "12000"
    assert values["stage"]["stage_in"]["selected_option"]["value"] == "proposal"
    assert values["close"]["d"]["selected_date"] == "2026-12-31"
    assert values["team"]["u"]["selected_users"] == ["U0BOB"]
    assert app.seen[-1]["view"]["private_metadata"] == '{"deal": 12}'
    assert standin.open_views("U0ANN") == []
    assert standin.contract_failures == []


def test_defaults_come_from_initial_values(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("new")
    (view,) = standin.open_views("U0ANN")
    app.driver.submit(view["id"], {"name_in": "Beta"})  # keyed by action_id works too
    values = app.seen[-1]["view"]["state"]["values"]
    assert values["stage"]["stage_in"]["selected_option"]["value"] == "lead"
    assert values["amount"]["amt"]["value"] is None


def test_events_reach_the_app(app: BoltHarness, standin: SlackStandIn) -> None:
    msg_ts = "1700000000.000100"
    event = {"type": "app_mention", "user": "U0ANN", "text": "<@UDEALBOT> hi",
             "ts": msg_ts, "channel": "C0SALES"}
    assert app.driver.event(event).status == 200
    assert standin.last_message("C0SALES") is None  # a thread reply is not in the channel itself
    [reply] = standin.thread("C0SALES", msg_ts)
    assert reply.text == "hi <@U0ANN>" and reply.thread_ts == msg_ts
    assert app.driver.event(event, retry_num=1).status == 200  # Bolt acks retries too
    assert app.driver.app_home_opened("U0BOB").status == 200
    assert standin.home("U0BOB")["blocks"] == CARD[:1]
