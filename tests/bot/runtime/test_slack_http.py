"""Slack Web API calls over kept-alive connections, against the stand-in (HTTP/1.1, idle close)."""

from __future__ import annotations

import socket
import struct
import threading
import time
import types
import urllib.error
from collections.abc import Iterator
from http.client import RemoteDisconnected

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers

from bot.local.standin import SlackStandIn
from bot.local.standin import http as standin_http
from bot.runtime import slack_http
from bot.runtime.slack_http import KeptAliveClient


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The client address of every connection the stand-in accepts."""
    seen: list[tuple[str, int]] = []
    setup = standin_http.Handler.setup

    def counted(self) -> None:
        seen.append(self.client_address)
        setup(self)

    monkeypatch.setattr(standin_http.Handler, "setup", counted)
    return seen


@pytest.fixture
def standin(opened) -> Iterator[SlackStandIn]:
    slack_http.close_connections()  # nothing kept from an earlier test's server
    with SlackStandIn() as s:
        yield s
    slack_http.close_connections()


def kept_client(standin: SlackStandIn, **kw) -> KeptAliveClient:
    return KeptAliveClient(token="xoxb-test", base_url=standin.api_url, retry_handlers=[], **kw)


def posted(standin: SlackStandIn) -> list[str]:
    return [m.text for m in standin.messages("C0SALES")]


def test_calls_from_one_thread_share_one_connection(standin, opened) -> None:
    client, other = kept_client(standin), kept_client(standin)  # the pool is per thread
    for n in range(4):
        assert client.chat_postMessage(channel="C0SALES", text=f"deal {n}")["ok"]
    assert other.auth_test()["user_id"] == "UDEALBOT"
    assert posted(standin) == ["deal 0", "deal 1", "deal 2", "deal 3"]
    assert len(opened) == 1


def test_two_threads_do_not_share_a_connection(standin, opened) -> None:
    client, both_in = kept_client(standin), threading.Barrier(2)

    def post(name: str) -> None:
        for n in range(3):
            client.chat_postMessage(channel="C0SALES", text=f"{name} {n}")
            both_in.wait(timeout=5)  # each thread's calls interleave with the other's

    threads = [threading.Thread(target=post, args=(name,)) for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert sorted(posted(standin)) == ["a 0", "a 1", "a 2", "b 0", "b 1", "b 2"]
    assert len(set(opened)) == 2


def test_a_429_raises_with_retry_after_and_keeps_the_connection(standin, opened) -> None:
    standin.faults.rate_limit("chat.postMessage", times=1, retry_after=7)
    client = kept_client(standin)
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel="C0SALES", text="Acme")
    assert err.value.response.status_code == 429
    assert err.value.response.headers["Retry-After"] == "7"
    assert client.chat_postMessage(channel="C0SALES", text="Acme")["ok"]
    assert posted(standin) == ["Acme"] and len(opened) == 1


def test_the_rate_limit_handler_waits_out_a_429(standin, monkeypatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(builtin_handlers, "time", types.SimpleNamespace(sleep=slept.append))
    standin.faults.rate_limit("chat.postMessage", times=1, retry_after=3)
    client = KeptAliveClient(
        token="xoxb-test",
        base_url=standin.api_url,
        retry_handlers=[builtin_handlers.RateLimitErrorRetryHandler(max_retry_count=3)],
    )
    assert client.chat_postMessage(channel="C0SALES", text="Acme")["ok"]
    assert len(slept) == 1 and slept[0] >= 3
    assert posted(standin) == ["Acme"]


def test_a_connection_the_server_closed_while_idle_is_replaced_and_sent_once(
    standin, opened, monkeypatch
) -> None:
    monkeypatch.setattr(standin_http.Handler, "timeout", 0.2)  # Slack closes idle ones too
    client = kept_client(standin)
    client.chat_postMessage(channel="C0SALES", text="before")
    time.sleep(0.5)
    client.chat_postMessage(channel="C0SALES", text="after")
    assert posted(standin) == ["before", "after"]
    assert standin.call_count("chat.postMessage") == 2 and len(opened) == 2


def test_a_connection_idle_past_the_limit_is_not_reused(standin, opened, monkeypatch) -> None:
    monkeypatch.setattr(slack_http, "IDLE_LIMIT_S", 0.05)
    client = kept_client(standin)
    client.auth_test()
    client.auth_test()  # at once: the same connection
    time.sleep(0.1)
    client.auth_test()
    assert len(opened) == 2


@pytest.mark.parametrize("warm", [False, True], ids=["fresh", "reused"])
def test_a_reply_lost_after_the_request_was_sent_raises_and_is_not_resent(standin, warm) -> None:
    client = kept_client(standin)
    if warm:
        client.auth_test()
    standin.faults.drop_reply("chat.postMessage")
    with pytest.raises(RemoteDisconnected):  # the outcome is unknown: the outbox looks first
        client.chat_postMessage(channel="C0SALES", text="Acme")
    assert standin.call_count("chat.postMessage") == 1 and posted(standin) == ["Acme"]
    client.chat_postMessage(channel="C0SALES", text="next")
    assert posted(standin) == ["Acme", "next"]


def test_a_stopped_standin_is_unreachable_through_a_kept_connection(standin) -> None:
    client = kept_client(standin)
    client.auth_test()
    standin.stop()
    with pytest.raises(urllib.error.URLError):  # as Slack down: no connection survives
        client.auth_test()
    standin.start()
    assert client.auth_test()["ok"]


class ResettingServer:
    """Answers one request per connection, then resets it (RST): a keep-alive connection the
    server dropped while the client was not looking."""

    ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.requests: list[bytes] = []
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/api/"
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while not data.endswith(b"x=1"):  # the whole request (its body is x=1)
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                self.requests.append(data)
                conn.sendall(self.ANSWER + b'{"ok":true}')
                time.sleep(0.1)  # the client has read its answer
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_request_whose_write_fails_on_a_reused_connection_is_sent_once_more(
    monkeypatch,
) -> None:
    server = ResettingServer()
    monkeypatch.setattr(slack_http, "_dropped", lambda conn: False)  # the reset unseen
    client = KeptAliveClient(token="xoxb-test", base_url=server.url, retry_handlers=[])
    try:
        assert client.api_call("api.test", params={"x": "1"})["ok"]
        time.sleep(0.3)  # the server has reset the connection
        assert client.api_call("api.test", params={"x": "1"})["ok"]
    finally:
        slack_http.close_connections()
        server.sock.close()
    assert len(server.requests) == 2  # one per call: the failed write reached no one


def test_the_app_and_its_listeners_call_slack_over_kept_connections(monkeypatch) -> None:
    from slack_bolt.request import BoltRequest
    from slack_sdk.web import SlackResponse

    from bot.app import build_app, close, deliverer
    from bot.settings import Settings

    def auth_test(self, **kw):  # Bolt checks the token when the app is built
        data = {"ok": True, "team_id": "T0TEST", "user_id": "U0BOT", "bot_id": "B0BOT"}
        return SlackResponse(
            client=self, http_verb="POST", api_url="auth.test", req_args={}, data=data,
            headers={}, status_code=200,
        )  # fmt: skip

    monkeypatch.setattr(KeptAliveClient, "auth_test", auth_test)
    settings = Settings(
        bot_token="xoxb-test", app_token=None, signing_secret="secret", database_url="sqlite://",
        api_url="http://127.0.0.1:9/api/", log_level="INFO",
    )  # fmt: skip
    app = build_app(settings, socket_mode=True)
    seen = []

    @app.command("/probe")
    def probe(ack, client) -> None:
        seen.append(client)
        ack()

    body = {"command": "/probe", "team_id": "T0TEST", "user_id": "U0ANN", "channel_id": "C1"}
    try:
        assert app.dispatch(BoltRequest(body=body, mode="socket_mode")).status == 200
        team_client = deliverer(app).client_for("T0TEST")
    finally:
        close(app)
    [client] = seen
    assert isinstance(client, KeptAliveClient) and client.token == "xoxb-test"
    assert isinstance(app.client, KeptAliveClient) and isinstance(team_client, KeptAliveClient)
