"""The stand-in's file upload: get the URL, POST the bytes, complete and share the file."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.standin import SlackStandIn


def refused(call) -> dict:
    with pytest.raises(SlackApiError) as err:
        call()
    return err.value.response.data


def test_files_upload_v2_is_kept_and_shared_in_the_channel(
    standin: SlackStandIn, client: WebClient
) -> None:
    answer = client.files_upload_v2(
        channel="C0SALES",
        content="a,b\r\n1,2\r\n",
        filename="deals.csv",
        title="Deals",
        initial_comment="here",
    )
    [upload] = standin.uploads.values()
    assert answer["file"]["id"] == upload.file_id and upload.file_id.startswith("F")
    assert (upload.text, upload.filename, upload.title) == ("a,b\r\n1,2\r\n", "deals.csv", "Deals")
    assert upload.completed and upload.channels == ["C0SALES"]
    message = standin.last_message("C0SALES")
    assert message.text == "here" and message.files[0]["id"] == upload.file_id
    assert standin.contract_failures == []


def test_a_dm_by_user_id_and_refusals_of_where_it_goes(
    standin: SlackStandIn, client: WebClient
) -> None:
    client.files_upload_v2(channel="U0BOB", content="x", filename="x.csv")
    assert [u.channels for u in standin.uploads.values()] == [["D0BOB"]]
    not_in = refused(
        lambda: client.files_upload_v2(channel="C0RANDOM", content="x", filename="x.csv")
    )
    assert not_in["error"] == "not_in_channel"
    hidden = refused(
        lambda: client.files_upload_v2(channel="G0PRIV", content="x", filename="x.csv")
    )
    assert hidden["error"] == "channel_not_found"


def test_required_arguments_and_unfinished_uploads_are_refused(
    standin: SlackStandIn, client: WebClient
) -> None:
    no_length = refused(
        lambda: client.api_call("files.getUploadURLExternal", data={"filename": "x.csv"})
    )
    assert no_length["error"] == "invalid_arguments"
    zero = refused(
        lambda: client.api_call(
            "files.getUploadURLExternal", data={"filename": "x.csv", "length": 0}
        )
    )
    assert zero["error"] == "missing_argument"
    ticket = client.files_getUploadURLExternal(filename="x.csv", length=3)
    not_sent = refused(
        lambda: client.files_completeUploadExternal(
            files=[{"id": ticket["file_id"]}], channel_id="C0SALES"
        )
    )
    assert not_sent["error"] == "file_not_found"  # nothing was POSTed to the URL yet
    assert "missing required argument 'length'" in standin.contract_failures[0]
    standin.contract_failures.clear()


def test_the_upload_url_takes_the_declared_length_once(
    standin: SlackStandIn, client: WebClient
) -> None:
    ticket = client.files_getUploadURLExternal(filename="x.csv", length=3)

    def post(data: bytes) -> int:
        request = urllib.request.Request(ticket["upload_url"], data=data, method="POST")
        try:
            return urllib.request.urlopen(request, timeout=5).status
        except urllib.error.HTTPError as e:
            return e.code

    assert post(b"abcd") == 400
    assert post(b"abc") == 200
    assert post(b"abc") == 400
    assert standin.uploads[ticket["file_id"]].content == b"abc"
    assert len(standin.contract_failures) == 2  # wrong length, then the URL used twice
    standin.contract_failures.clear()


def test_without_files_write_both_calls_are_refused(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.scopes = standin.scopes - {"files:write"}
    answer = refused(
        lambda: client.files_upload_v2(channel="C0SALES", content="x", filename="x.csv")
    )
    assert (answer["error"], answer["needed"]) == ("missing_scope", "files:write")
    assert standin.uploads == {}
    standin.contract_failures.clear()
