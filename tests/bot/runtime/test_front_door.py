"""The front door: size, timestamp, signature and replay checked before the body is read."""

import io
import json
import time
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.runtime.front_door import (
    MAX_BODY,
    WINDOW_S,
    forget_old_requests,
    front_door,
    remember_in_database,
)

SECRET = "front-door-secret"


class Door:
    """The front door around a downstream app that records what reached it."""

    def __init__(self, remember=None):
        self.reached: list[bytes] = []
        seen: set[str] = set()

        def remember_here(signature, _ts):
            if signature in seen:
                return False
            seen.add(signature)
            return True

        def bolt(environ, start_response):
            self.reached.append(environ["wsgi.input"].read())
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b""]

        self.app = front_door(bolt, SECRET, remember or remember_here)

    def post(
        self,
        body: bytes,
        *,
        ts: str | None = None,
        signature: str | None = None,
        content_type="application/x-www-form-urlencoded",
        length: str | None = None,
    ):
        ts = ts if ts is not None else str(int(time.time()))
        if signature is None:
            signature = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/slack/events",
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": length if length is not None else str(len(body)),
            "HTTP_X_SLACK_REQUEST_TIMESTAMP": ts,
            "HTTP_X_SLACK_SIGNATURE": signature,
            "wsgi.input": io.BytesIO(body),
        }
        status = []
        out = b"".join(self.app(environ, lambda s, h: status.append(s)))
        return int(status[0].split()[0]), out


COMMAND = urlencode({"command": "/deal", "text": "new Acme 12k", "team_id": "T1"}).encode()


def test_a_signed_request_reaches_bolt_with_its_body_intact():
    door = Door()
    assert door.post(COMMAND)[0] == 200
    assert door.reached == [COMMAND]


@pytest.mark.parametrize(
    "ts", ["", "²", "١٢٣", "12.5", "-1", "99999999999999999999", str(int(time.time()) - 301)]
)
def test_a_bad_or_stale_timestamp_is_401_before_anything_is_read(ts):
    door = Door()
    assert door.post(COMMAND, ts=ts, signature="v0=" + "0" * 64)[0] == 401
    assert door.reached == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"payload=%7Bnot+json", 401),
        (b"\xff\xfe", 400),
        (b"[1,2,3]", 401),
        (b"payload=null", 401),
        (b"", 401),
    ],
)
def test_unsigned_garbage_is_refused_and_never_reaches_bolt(body, status):
    door = Door()
    assert door.post(body, signature="v0=deadbeef")[0] == status
    assert door.reached == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"[1,2,3]", "application/json"),
        (b"", "application/x-www-form-urlencoded"),
        (b"a=1&a=2", "application/x-www-form-urlencoded"),
        (b"payload=%7B%7D&payload=%7B%7D", "application/x-www-form-urlencoded"),
    ],
)
def test_signed_garbage_is_400_never_500(body, content_type):
    # An interactive payload that is not a JSON object is refused where Bolt reads it:
    # tests/e2e/test_front_door.py.
    door = Door()
    status, out = door.post(body, content_type=content_type)
    assert status == 400 and json.loads(out)["error"] == "malformed_body"
    assert door.reached == []


def test_an_oversized_body_is_413_without_reading_it():
    door = Door()
    assert door.post(b"x" * 10, length=str(MAX_BODY + 1))[0] == 413
    assert door.post(b"x" * (MAX_BODY + 1), length="")[0] == 413
    assert door.post(b"x", length="1e9")[0] == 413
    assert door.reached == []


def test_a_replayed_signature_is_refused():
    door = Door()
    ts = str(int(time.time()))
    assert door.post(COMMAND, ts=ts)[0] == 200
    assert door.post(COMMAND, ts=ts)[0] == 401
    assert len(door.reached) == 1


def test_replays_are_refused_across_replicas_through_the_database(database):
    first, second = Door(remember_in_database), Door(remember_in_database)
    ts = str(int(time.time()))
    assert first.post(COMMAND, ts=ts)[0] == 200
    assert second.post(COMMAND, ts=ts)[0] == 401
    assert second.reached == []


def test_the_clock_forgets_signatures_too_old_to_replay(database):
    now = int(time.time())
    old, recent = now - 2 * WINDOW_S - 1, now - WINDOW_S
    assert remember_in_database("v0=old", old) and remember_in_database("v0=recent", recent)
    forget_old_requests(datetime.fromtimestamp(now, UTC))
    assert remember_in_database("v0=old", old)  # forgotten: taken as new (and too old to pass)
    assert not remember_in_database("v0=recent", recent)  # still remembered: a replay
