"""The stand-in's shared files: files.info by the method reference, and a download URL that
answers the bot token only, as Slack's does."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.standin import SlackStandIn
from bot.local.standin.api_files_read import share


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def get(url: str, token: str | None = None) -> tuple[int, dict, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.build_opener(_Stay).open(
            urllib.request.Request(url, headers=headers)
        ) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def shared(standin: SlackStandIn, channel: str = "D0ANN", user: str = "U0ANN") -> dict:
    if channel.startswith("D"):
        standin.open_dm([user])
    with standin.lock:
        return share(standin, user, channel, "deals.csv", b"name\nAcme\n")


def test_files_info_describes_a_shared_file_as_slack_does(standin, client: WebClient) -> None:
    event_file = shared(standin)
    f = client.files_info(file=event_file["id"])["file"]
    assert (f["name"], f["filetype"], f["mimetype"], f["pretty_type"]) == (
        "deals.csv",
        "csv",
        "text/csv",
        "CSV",
    )
    assert (f["size"], f["user"], f["ims"], f["channels"]) == (10, "U0ANN", ["D0ANN"], [])
    assert f["url_private_download"] == event_file["url_private_download"]
    assert f["url_private_download"].endswith(f"/files-pri/T0DEMO-{f['id']}/download/deals.csv")
    assert standin.contract_failures == []


def test_files_info_refuses_a_file_the_bot_cannot_see(standin, client: WebClient) -> None:
    hidden = shared(standin, channel="C0RANDOM")  # the bot is not a member there
    for file_id in (hidden["id"], "F0NOPE"):
        with pytest.raises(SlackApiError) as err:
            client.files_info(file=file_id)
        assert err.value.response["error"] == "file_not_found"


def test_files_info_needs_files_read(standin, client: WebClient) -> None:
    f = shared(standin)
    standin.scopes = standin.scopes - {"files:read"}
    with pytest.raises(SlackApiError) as err:
        client.files_info(file=f["id"])
    assert (err.value.response["error"], err.value.response["needed"]) == (
        "missing_scope",
        "files:read",
    )
    standin.contract_failures.clear()


def test_the_download_answers_the_bot_token_only(standin) -> None:
    url = shared(standin)["url_private_download"]
    assert get(url, "xoxb-test")[::2] == (200, b"name\nAcme\n")
    for token in (None, "xoxp-a-user-token"):
        status, headers, _ = get(url, token)
        assert status == 302 and "/signin" in headers["Location"]
    standin.scopes = standin.scopes - {"files:read"}
    status, headers, body = get(url, "xoxb-test")  # Slack's sign-in page, not the file
    assert status == 200 and "text/html" in headers["Content-Type"] and b"Acme" not in body
    assert get(url.replace("deals.csv", "other.csv"), "xoxb-test")[0] == 404
