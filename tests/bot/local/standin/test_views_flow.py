"""Modal stacks: push from a button in a modal, response_action update/push/clear, close."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.local.standin import SlackStandIn
from tests.bot.local.standin.conftest import BoltHarness


def modal(title: str, callback: str, *, notify: bool = False) -> dict[str, Any]:
    return {
        "type": "modal", "callback_id": callback, "notify_on_close": notify,
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "OK"},
        "blocks": [
            {"type": "input", "block_id": "what", "label": {"type": "plain_text", "text": "What"},
             "element": {"type": "plain_text_input", "action_id": "v"}},
            {"type": "actions", "block_id": "more", "elements": [
                {"type": "button", "action_id": "deeper", "text": {"type": "plain_text",
                                                                   "text": "More"}}]},
        ],
    }


@pytest.fixture
def app(bolt: BoltHarness) -> BoltHarness:
    a = bolt.app

    @a.command("/deal")
    def open_first(ack: Any, body: dict, client: Any) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=modal("One", "step", notify=True))

    @a.action("deeper")
    def deeper(ack: Any, body: dict, client: Any) -> None:
        ack()
        bolt.seen.append(body)
        client.views_push(trigger_id=body["trigger_id"], view=modal("Two", "step"))

    @a.view("step")
    def step(ack: Any, view: dict) -> None:
        answer = view["state"]["values"]["what"]["v"]["value"]
        if answer == "update":
            ack(response_action="update", view=modal("Updated", "step"))
        elif answer == "push":
            ack(response_action="push", view=modal("Pushed", "step"))
        elif answer == "clear":
            ack(response_action="clear")
        elif answer == "bad":
            ack(response_action="errors", errors={"nope": "no such block"})
        else:
            ack()

    @a.view_closed("step")
    def closed(ack: Any, body: dict) -> None:
        ack()
        bolt.seen.append(body)

    bolt.start()
    return bolt


def titles(standin: SlackStandIn) -> list[str]:
    return [v["title"]["text"] for v in standin.open_views("U0ANN")]


def test_push_from_a_button_in_a_modal(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("new")
    (first,) = standin.open_views("U0ANN")
    app.driver.click("deeper")  # found in the open modal
    assert app.seen[-1]["container"] == {"type": "view", "view_id": first["id"]}
    assert titles(standin) == ["One", "Two"]
    second = standin.open_views("U0ANN")[1]
    assert second["previous_view_id"] == first["id"] and second["root_view_id"] == first["id"]
    app.driver.submit(second["id"], {"what": "done"})
    assert titles(standin) == ["One"]
    assert standin.contract_failures == []


def test_response_actions(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("new")
    first = standin.open_views("U0ANN")[0]["id"]
    app.driver.submit(first, {"what": "update"})
    assert titles(standin) == ["Updated"] and standin.open_views("U0ANN")[0]["id"] == first
    app.driver.submit(first, {"what": "push"})
    assert titles(standin) == ["Updated", "Pushed"]
    app.driver.submit(standin.open_views("U0ANN")[1]["id"], {"what": "clear"})
    assert titles(standin) == []
    assert standin.contract_failures == []


def test_errors_for_unknown_block_is_a_contract_failure(app: BoltHarness,
                                                        standin: SlackStandIn) -> None:
    app.driver.slash("new")
    reply = app.driver.submit(standin.open_views("U0ANN")[0]["id"], {"what": "bad"})
    assert reply.errors == {"nope": "no such block"} and titles(standin) == ["One"]
    assert standin.contract_failures == [
        "view_submission ack: errors key 'nope' is not an input block_id"]


def test_close_sends_view_closed_only_when_asked(app: BoltHarness, standin: SlackStandIn) -> None:
    app.driver.slash("new")
    first = standin.open_views("U0ANN")[0]["id"]
    app.driver.click("deeper")
    second = standin.open_views("U0ANN")[1]["id"]
    assert app.driver.close_view(second) is None  # "Two" has notify_on_close false
    reply = app.driver.close_view(first)
    assert reply is not None and reply.status == 200
    assert app.seen[-1]["type"] == "view_closed" and app.seen[-1]["view"]["id"] == first
    assert titles(standin) == []


def test_concurrent_posts_get_unique_increasing_ts(standin: SlackStandIn) -> None:
    client = WebClient(token="xoxb-test", base_url=standin.api_url)
    threads = [threading.Thread(target=client.chat_postMessage,
                                kwargs={"channel": "C0SALES", "text": str(i)}) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    stamps = [m.ts for m in standin.messages("C0SALES")]
    assert len(stamps) == 20 and stamps == sorted(set(stamps))
