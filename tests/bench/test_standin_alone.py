"""`python -m bot.local.standin`: the stand-in in a process of its own is the same strict
Slack, and the process that started it can build requests and read what happened."""

import json
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.standin.remote import RemoteStandIn


def test_the_standin_alone_answers_checks_and_reports_calls():
    with RemoteStandIn() as slack:
        client = WebClient(token="xoxb-alone", base_url=slack.api_url)
        button = {"type": "button", "action_id": "deal_advance", "value": "7",
                  "text": {"type": "plain_text", "text": "Advance"}}
        posted = client.chat_postMessage(channel="C0SALES", text="Card of Acme",
                                         blocks=[{"type": "actions", "elements": [button]}])
        with pytest.raises(SlackApiError) as refused:
            client.chat_postMessage(channel="C0SALES", text="x", blocks=[{"type": "nonsense"}])
        assert posted["ok"] and refused.value.response["error"] == "invalid_blocks"
        counts = slack.control.counts()
        assert counts["chat.postMessage"] == 1 and counts["refused"] == 1
        assert slack.control.contract_failures()

        slash = parse_qs(slack.control.slash_bodies(["new Acme 5k"])[0])
        assert slash["command"] == ["/deal"] and slash["text"] == ["new Acme 5k"]
        assert slash["response_url"][0].startswith(slack.api_url.removesuffix("/api/"))
        [click] = slack.control.click_bodies("deal_advance", ["Acme", "Globex"])
        payload = json.loads(parse_qs(click)["payload"][0])
        assert payload["actions"][0]["action_id"] == "deal_advance"
        assert payload["container"]["message_ts"] == posted["ts"]
    assert slack.proc.returncode is not None  # the process ended with the block
