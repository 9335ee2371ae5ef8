"""The stand-in answers a real slack_sdk WebClient as Slack would, and records everything."""

from __future__ import annotations

import json
import types
import urllib.error
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.local.standin import SlackStandIn

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "*Acme* 12k"}}
MODAL = {"type": "modal", "callback_id": "lead", "title": {"type": "plain_text", "text": "Lead"},
         "submit": {"type": "plain_text", "text": "Save"},
         "blocks": [{"type": "input", "block_id": "name", "label": {"type": "plain_text",
                     "text": "Name"}, "element": {"type": "plain_text_input", "action_id": "v"}}]}


def test_auth_test_names_the_bot(client: WebClient) -> None:
    resp = client.auth_test()
    assert (resp["user_id"], resp["team_id"], resp["bot_id"]) == ("UDEALBOT", "T0DEMO", "B0DEALBOT")


def test_bad_tokens_are_refused(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as err:
        WebClient(token="xoxp-user", base_url=standin.api_url).auth_test()
    assert err.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as err:
        WebClient(base_url=standin.api_url).auth_test()
    assert err.value.response["error"] == "not_authed"


def test_post_thread_and_update(standin: SlackStandIn, client: WebClient) -> None:
    parent = client.chat_postMessage(channel="C0SALES", text="Acme", blocks=[SECTION])
    reply = client.chat_postMessage(channel="C0SALES", text="note", thread_ts=parent["ts"])
    reply2 = client.chat_postMessage(channel="C0SALES", text="more", thread_ts=reply["ts"])
    assert parent["ts"] < reply["ts"] < reply2["ts"]
    assert parent["message"]["blocks"] == [SECTION]
    assert [m.text for m in standin.thread("C0SALES", parent["ts"])] == ["Acme", "note", "more"]
    assert standin.thread("C0SALES", parent["ts"])[0].reply_count == 2
    assert reply2["message"]["thread_ts"] == parent["ts"]
    client.chat_update(channel="C0SALES", ts=parent["ts"], text="Acme (won)")
    msg = standin.messages("C0SALES")[0]
    assert (msg.text, msg.blocks, msg.edited) == ("Acme (won)", [SECTION], True)
    with pytest.raises(SlackApiError) as err:
        client.chat_update(channel="C0SALES", ts="1.000001", text="x")
    assert err.value.response["error"] == "message_not_found"
    link = client.chat_getPermalink(channel="C0SALES", message_ts=parent["ts"])["permalink"]
    assert link.endswith("/archives/C0SALES/p" + parent["ts"].replace(".", ""))
    assert standin.contract_failures == []


def test_not_in_channel_then_join_then_post(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0RANDOM", text="hi")
    assert err.value.response["error"] == "not_in_channel"
    assert client.conversations_join(channel="C0RANDOM")["channel"]["is_member"] is True
    client.chat_postMessage(channel="C0RANDOM", text="hi")
    assert standin.last_message("C0RANDOM").text == "hi"
    with pytest.raises(SlackApiError) as err:
        client.conversations_join(channel="G0PRIV")
    assert err.value.response["error"] == "method_not_supported_for_channel_type"
    with pytest.raises(SlackApiError) as err:
        client.conversations_info(channel="G0PRIV")
    assert err.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0NOPE", text="hi")
    assert err.value.response["error"] == "channel_not_found"


def test_ephemeral_dm_and_users(standin: SlackStandIn, client: WebClient) -> None:
    client.chat_postEphemeral(channel="C0SALES", user="U0BOB", text="only bob")
    assert [m.text for m in standin.ephemerals("U0BOB")] == ["only bob"]
    assert standin.messages("C0SALES") == [] and standin.ephemerals("U0ANN") == []
    dm = client.conversations_open(users="U0CAT")["channel"]["id"]
    assert dm.startswith("D")
    client.chat_postMessage(channel=dm, text="psst")
    assert standin.last_message(dm).text == "psst"
    user = client.users_info(user="U0BOB")["user"]
    assert (user["name"], user["tz"], user["is_bot"]) == ("bob", "America/New_York", False)
    with pytest.raises(SlackApiError) as err:
        client.users_info(user="U0NOBODY")
    assert err.value.response["error"] == "user_not_found"


def test_views_open_needs_a_fresh_trigger(standin: SlackStandIn, client: WebClient) -> None:
    trigger = standin.new_trigger_id("U0ANN")
    assert len(trigger.split(".")) == 3
    view = client.views_open(trigger_id=trigger, view=MODAL)["view"]
    assert view["id"].startswith("V") and view["hash"] and view["state"] == {"values": {}}
    assert [v["id"] for v in standin.open_views("U0ANN")] == [view["id"]]
    with pytest.raises(SlackApiError) as err:
        client.views_open(trigger_id=trigger, view=MODAL)
    assert err.value.response["error"] == "exchanged_trigger_id"
    with pytest.raises(SlackApiError) as err:
        client.views_open(trigger_id="1.2.nope", view=MODAL)
    assert err.value.response["error"] == "invalid_trigger_id"
    changed = {**MODAL, "title": {"type": "plain_text", "text": "Lead 2"}}
    updated = client.views_update(view_id=view["id"], hash=view["hash"], view=changed)["view"]
    assert updated["id"] == view["id"] and updated["hash"] != view["hash"]
    assert standin.view(view["id"])["title"]["text"] == "Lead 2"
    with pytest.raises(SlackApiError) as err:
        client.views_update(view_id=view["id"], hash=view["hash"], view=MODAL)
    assert err.value.response["error"] == "hash_conflict"


def test_expired_trigger() -> None:
    now = [100.0]
    with SlackStandIn(clock=lambda: now[0]) as standin:
        client = WebClient(token="xoxb-test", base_url=standin.api_url)
        trigger = standin.new_trigger_id("U0ANN")
        now[0] += 3.5
        with pytest.raises(SlackApiError) as err:
            client.views_open(trigger_id=trigger, view=MODAL)
        assert err.value.response["error"] == "expired_trigger_id"
    with SlackStandIn(trigger_ttl=None, clock=lambda: now[0]) as console:
        trigger = console.new_trigger_id("U0ANN")
        now[0] += 3600
        WebClient(token="xoxb-test", base_url=console.api_url).views_open(
            trigger_id=trigger, view=MODAL)
        assert console.open_views("U0ANN")


def test_publish_home(standin: SlackStandIn, client: WebClient) -> None:
    home = {"type": "home", "blocks": [SECTION]}
    client.views_publish(user_id="U0BOB", view=home)
    assert standin.home("U0BOB")["blocks"] == [SECTION] and standin.home("U0ANN") is None
    with pytest.raises(SlackApiError):
        client.views_publish(user_id="U0BOB", view=MODAL)
    assert any("home" in f for f in standin.contract_failures)


def test_invalid_blocks_rejected_and_recorded(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0SALES", text="x", blocks=[{"type": "section"}])
    assert err.value.response["error"] == "invalid_blocks"
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0SALES", text="x", blocks=[SECTION] * 51)
    assert err.value.response["error"] == "invalid_blocks"
    with pytest.raises(SlackApiError) as err, pytest.warns(UserWarning):
        client.chat_postMessage(channel="C0SALES")
    assert err.value.response["error"] == "no_text"
    assert len(standin.contract_failures) == 3
    assert "51 blocks" in standin.contract_failures[1]
    assert standin.messages("C0SALES") == []
    assert [c.ok for c in standin.calls] == [False, False, False]


def test_form_encoded_blocks_are_decoded(standin: SlackStandIn, client: WebClient) -> None:
    client.api_call("chat.postMessage", data={"channel": "C0SALES", "text": "f",
                                              "blocks": json.dumps([SECTION])})
    assert standin.last_message("C0SALES").blocks == [SECTION]
    with pytest.raises(SlackApiError) as err:
        client.api_call("chat.postMessage", data={"channel": "C0SALES", "blocks": "[{"})
    assert err.value.response["error"] == "invalid_blocks_format"


def test_unknown_method_and_missing_args(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as err:
        client.api_call("chat.postMessag", json={"channel": "C0SALES", "text": "x"})
    assert err.value.response["error"] == "unknown_method"
    with pytest.raises(SlackApiError) as err:
        client.api_call("chat.update", json={"channel": "C0SALES", "text": "x"})
    assert err.value.response["error"] == "invalid_arguments"
    assert "chat.postMessag: unknown or unsupported method" in standin.contract_failures
    assert any("'ts'" in f for f in standin.contract_failures)


def test_ratelimit_retry_after_is_honoured(
    standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []  # slack_sdk's handler waits Retry-After plus up to 1 s of jitter
    monkeypatch.setattr(builtin_handlers, "time", types.SimpleNamespace(sleep=slept.append))
    client = WebClient(token="xoxb-test", base_url=standin.api_url,
                       retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    standin.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=2)
    resp = client.chat_postMessage(channel="C0SALES", text="after retry")
    assert len(slept) == 1 and 2 <= slept[0] < 3
    assert resp["ok"] and standin.last_message("C0SALES").text == "after retry"
    assert [(c.method, c.ok, c.error) for c in standin.calls] == [
        ("chat.postMessage", False, "ratelimited"), ("chat.postMessage", True, None)]
    assert standin.contract_failures == []


def test_ratelimit_header_without_retry(standin: SlackStandIn, client: WebClient) -> None:
    standin.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0SALES", text="x")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "7"


def test_response_url_posts(standin: SlackStandIn, client: WebClient) -> None:
    url = standin.new_response_url(user="U0ANN", channel="C0SALES")
    WebhookClient(url).send(text="just you")
    assert [m.text for m in standin.ephemerals("U0ANN")] == ["just you"]
    WebhookClient(url).send(text="everyone", response_type="in_channel")
    assert standin.last_message("C0SALES").text == "everyone"
    posted = client.chat_postMessage(channel="C0SALES", text="card")
    on_card = standin.new_response_url(user="U0ANN", channel="C0SALES", message_ts=posted["ts"])
    WebhookClient(on_card).send(text="card v2", replace_original=True)
    assert standin.find_message("C0SALES", posted["ts"]).text == "card v2"
    bad = WebhookClient(on_card).send(text="x", blocks=[{"type": "nope"}])
    assert bad.status_code == 400 and "unknown block type" in standin.contract_failures[-1]
    WebhookClient(on_card).send(delete_original=True)
    assert standin.find_message("C0SALES", posted["ts"]).deleted
    assert [m.text for m in standin.messages("C0SALES")] == ["everyone"]


def test_response_url_use_limit(standin: SlackStandIn) -> None:
    url = standin.new_response_url(user="U0ANN", channel="C0SALES")
    codes = [WebhookClient(url).send(text=str(i)).status_code for i in range(6)]
    assert codes == [200] * 5 + [404]
    assert standin.contract_failures == ["response_url: used more than 5 times"]


def test_on_post_and_wait_for(standin: SlackStandIn, client: WebClient) -> None:
    seen = []
    standin.on_post = lambda m: seen.append((m.kind, m.text))
    client.chat_postMessage(channel="C0SALES", text="hello")
    assert seen == [("message", "hello")]
    assert standin.wait_for(lambda: standin.last_message("C0SALES"), timeout=1)
    assert not standin.wait_for(lambda: standin.last_message("C0RANDOM"), timeout=0.05)


def test_get_methods_and_unknown_path(standin: SlackStandIn) -> None:
    req = urllib.request.Request(standin.api_url + "users.info?user=U0ANN",
                                 headers={"Authorization": "Bearer xoxb-1"})
    with urllib.request.urlopen(req) as resp:
        assert json.loads(resp.read())["user"]["name"] == "ann"
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(standin.base_url + "/nowhere")
    assert err.value.code == 404
