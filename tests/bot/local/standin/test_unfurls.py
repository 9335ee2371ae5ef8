"""The stand-in's link_shared (bot/local/standin/links.py) and chat.unfurl (api_links.py)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from slack_sdk.errors import SlackApiError

from bot.local.standin import links as pasted
from bot.local.standin.api_links import unfurls
from tests.bot.local.standin.conftest import shared_or_skip

URL = "https://deals.example.com/d/T0DEMO/1"
BLOCKS = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "*#1 Acme*"}},
    {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": "deal_show",
                "text": {"type": "plain_text", "text": "Show"},
                "value": "1",
            }
        ],
    },
]


@pytest.fixture
def heard(bolt, standin):
    """link_shared events the app heard (its domain registered as the app's)."""
    standin.unfurl_domains = ["deals.example.com"]
    events: list[dict] = []
    bolt.app.event("link_shared")(lambda event: events.append(event))
    bolt.app.event("message")(lambda event: None)
    bolt.start()
    return events


def test_a_pasted_link_on_the_apps_domain_sends_link_shared_as_slack_does(bolt, standin, heard):
    msg, reply = pasted.paste(bolt.driver, f"see {URL}, and https://www.deals.example.com/x.")
    assert reply.status == 200 and msg.text.startswith(f"see <{URL}>, and <https://www")
    (event,) = heard
    assert event["type"] == "link_shared" and event["channel"] == "C0SALES"
    assert event["message_ts"] == msg.ts and event["user"] == "U0BOB"
    assert event["source"] == "conversations_history" and event["unfurl_id"]
    assert event["links"] == [
        {"domain": "deals.example.com", "url": URL},
        {"domain": "deals.example.com", "url": "https://www.deals.example.com/x"},
    ]
    assert event["is_bot_user_member"] is True


def test_no_link_shared_for_other_domains_or_without_links_read(bolt, standin, heard):
    assert pasted.paste(bolt.driver, "https://example.org/d/T0DEMO/1")[1].status == 0
    standin.scopes = set(standin.scopes) - {"links:read"}
    assert pasted.paste(bolt.driver, URL)[1].status == 0
    assert heard == []


def test_chat_unfurl_attaches_blocks_under_a_shared_link(bolt, standin, client, heard):
    msg, _ = pasted.paste(bolt.driver, URL)
    assert client.chat_unfurl(channel="C0SALES", ts=msg.ts, unfurls={URL: {"blocks": BLOCKS}})["ok"]
    assert pasted.unfurl_of(standin, URL, msg.ts).blocks == BLOCKS
    pasted.compose(bolt.driver, URL)
    draft = heard[-1]
    assert draft["channel"] == "COMPOSER" and draft["source"] == "composer"
    draft_id = draft["unfurl_id"]
    client.chat_unfurl(unfurl_id=draft_id, source="composer", unfurls={URL: {"text": "x"}})
    assert len(unfurls(standin)) == 2 and standin.contract_failures == []


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            {"unfurls": {"https://deals.example.com/d/T0DEMO/2": {"blocks": BLOCKS}}},
            "cannot_unfurl_url",
        ),
        ({"unfurls": {URL: {"blocks": [{"type": "nonsense"}]}}}, "cannot_parse_attachment"),
        ({"unfurls": {URL: {}}}, "cannot_parse_attachment"),
        ({"unfurls": {}}, "missing_unfurls"),
        ({"unfurls": "{not json"}, "invalid_unfurls_format"),
        ({"channel": None}, "missing_channel"),
        (
            {"channel": None, "ts": None, "unfurl_id": "U1-x", "source": "composer"},
            "invalid_unfurl_id",
        ),
        (
            {"channel": None, "ts": None, "unfurl_id": "U1-x", "source": "elsewhere"},
            "invalid_source",
        ),
        ({"channel": None, "ts": None, "source": "composer"}, "missing_unfurl_id"),
    ],
)
def test_chat_unfurl_refuses_what_slack_refuses(bolt, standin, client, heard, args, error):
    msg, _ = pasted.paste(bolt.driver, URL)
    call = {"channel": "C0SALES", "ts": msg.ts, "unfurls": {URL: {"blocks": BLOCKS}}, **args}
    with pytest.raises(SlackApiError) as refused:
        client.chat_unfurl(**{k: v for k, v in call.items() if v is not None})
    assert refused.value.response["error"] == error
    assert standin.contract_failures  # each is a mistake of the app
    assert unfurls(standin) == []


def test_chat_unfurl_needs_links_write(bolt, standin, client, heard):
    msg, _ = pasted.paste(bolt.driver, URL)
    standin.scopes = set(standin.scopes) - {"links:write"}
    with pytest.raises(SlackApiError) as refused:
        client.chat_unfurl(channel="C0SALES", ts=msg.ts, unfurls={URL: {"blocks": BLOCKS}})
    assert refused.value.response["error"] == "missing_scope"
    assert refused.value.response["needed"] == "links:write"


def test_the_errors_answered_are_documented_for_chat_unfurl():
    path = shared_or_skip("docs-slack-dev", "methods", "chat.unfurl.json")
    documented = set(json.loads(path.read_text())["errors"])
    answered = {
        "cannot_unfurl_url",
        "cannot_parse_attachment",
        "missing_unfurls",
        "invalid_unfurls_format",
        "missing_channel",
        "missing_ts",
        "invalid_unfurl_id",
        "invalid_source",
        "missing_unfurl_id",
        "missing_source",
        "cannot_find_message",
    }
    assert answered <= documented


def test_a_click_on_an_unfurl_comes_from_its_attachment(bolt, standin, client, heard):
    msg, _ = pasted.paste(bolt.driver, URL)
    client.chat_unfurl(channel="C0SALES", ts=msg.ts, unfurls={URL: {"blocks": BLOCKS}})
    clicks: list[dict] = []
    bolt.app.action("deal_show")(lambda ack, body: (ack(), clicks.append(body)))
    sent = bolt.driver.post  # look at the body the driver signs
    bodies: list[str] = []
    bolt.driver.post = lambda body, **kw: (bodies.append(body), sent(body, **kw))[1]
    pasted.click_unfurl(bolt.driver, "deal_show", URL, user="U0CAT")
    payload = json.loads(parse_qs(bodies[-1])["payload"][0])
    assert payload["container"] == {
        "type": "message_attachment",
        "message_ts": msg.ts,
        "attachment_id": 1,
        "channel_id": "C0SALES",
        "is_ephemeral": False,
        "is_app_unfurl": True,
        "app_unfurl_url": URL,
    }
    assert "message" not in payload and payload["response_url"]
    assert payload["actions"][0]["value"] == "1" and clicks
