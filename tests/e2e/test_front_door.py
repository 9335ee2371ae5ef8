"""The front door over HTTP: garbage, oversized, replayed and forged requests change nothing."""

import json
import logging
import random
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import sqlmodel

from bot.runtime.front_door import MAX_BODY
from storage import db
from storage.models import Deal

MARK = "BODYMARK7f3a"  # in every body sent here: it must never reach the log


def send(slack, body: bytes, headers: dict[str, str]) -> int:
    req = urllib.request.Request(slack.url + "/slack/events", body, headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
    except (ConnectionError, urllib.error.URLError):
        return 413  # waitress closes the connection of a body over its limit after answering


def command_body(text: str) -> str:
    return urlencode(
        {
            "command": "/deal",
            "text": text,
            "team_id": "T0DEMO",
            "user_id": "U0ANN",
            "channel_id": "C0SALES",
            "trigger_id": "1.2.3",
            "response_url": "",
            "token": MARK,
        }
    )


def garbage(rng: random.Random) -> bytes:
    choices = [
        b"payload=%7Bnot+json" + MARK.encode(),
        b"\xff\xfe" + MARK.encode(),
        b"[1,2,3]",
        b"payload=null",
        ("payload=" + json.dumps({"type": "block_actions", "x": MARK})).encode(),
        bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))),
        command_body(f"new Forged {MARK}").encode(),
    ]
    return rng.choice(choices)


def deals() -> int:
    with db.session_scope() as s:
        return len(s.exec(sqlmodel.select(Deal.id)).all())


def test_a_thousand_bad_requests_get_4xx_write_nothing_and_log_no_body(slack, driver, caplog):
    rng = random.Random(20261130)
    good = command_body("new Acme 12k")
    signed = driver.sign(good)
    caplog.set_level(logging.DEBUG)
    assert send(slack, good.encode(), signed) == 200
    statuses = []
    now = int(time.time())
    for i in range(1000):
        body = garbage(rng)
        kind = i % 5
        if kind == 0:  # unsigned or wrongly signed
            headers = {
                "X-Slack-Request-Timestamp": str(now),
                "X-Slack-Signature": "v0=" + "ab" * 32,
            }
        elif kind == 1:  # a timestamp that is not ASCII digits, or stale
            stamp = rng.choice(["²", "¹²", "", "12.5", str(now - 301), "9" * 30])
            headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=00"}
        elif kind == 2:  # the good request replayed inside its window
            body, headers = good.encode(), signed
        elif kind == 3:  # signed garbage: only the secret's holder could send it
            text = body.decode("utf-8", "replace").replace("command=", "kommand=")
            body, headers = text.encode(), driver.sign(text)
        else:  # says it is larger than any Slack request
            headers = {
                "X-Slack-Request-Timestamp": str(now),
                "X-Slack-Signature": "v0=00",
                "Content-Length": str(MAX_BODY + 1),
            }
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        statuses.append(send(slack, body, headers))
    slack.settle()
    assert max(statuses) < 500
    assert all(400 <= s < 500 for s in statuses if s != 200)
    assert statuses.count(200) <= 1000 // 5  # only signed bodies Bolt can read are let in
    assert deals() == 1  # the first, genuine one
    assert MARK not in caplog.text


def test_a_body_larger_than_slack_sends_is_refused(slack):
    body = b"x" * (MAX_BODY + 1024)
    headers = {
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "X-Slack-Signature": "v0=00",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    assert send(slack, body, headers) == 413


def test_a_signed_payload_bolt_cannot_read_is_400_and_runs_nothing(slack, driver):
    # The door lets a lone `payload` field through unread; Bolt parses it, once.
    calls = len(slack.standin.calls)
    shapes = ["%7Bnot+json", "null", "%5B1%5D", "", "%5B" * 50_000]  # the last: nested
    shapes.append(urlencode({"p": json.dumps({"response_urls": {"a": 1}})})[2:])  # Bolt's
    for body in [f"payload={shape}" for shape in shapes]:  # KeyError, where it was a 500
        reply = driver.post(body)
        assert (reply.status, reply.json) == (400, {"ok": False, "error": "malformed_body"})
    nested = driver.post('{"a":' * 50_000, content_type="application/json")
    assert (nested.status, nested.json) == (400, {"ok": False, "error": "malformed_body"})
    assert slack.standin.calls[calls:] == [] and deals() == 0
