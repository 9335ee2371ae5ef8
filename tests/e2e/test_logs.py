"""The log an operator reads: a user's error reference finds the request's lines, which name
the workspace, the user and what was asked, and never a token or what the user typed."""

import io
import json
import logging
import re

import pytest

from bot.runtime import logs
from bot.settings import Settings
from handlers import commands
from tests.e2e.helpers import told

TOKEN = "xoxb-local-stand-in"  # LocalSlack's bot token
TYPED = "TYPEDMARK51c2"  # what the user typed: it must never reach the log


def settings(level: str = "INFO") -> Settings:
    return Settings(bot_token=TOKEN, app_token=None, signing_secret="not-used-here",
                    api_url="http://127.0.0.1/", database_url="sqlite://", log_level=level,
                    log_format="json")


@pytest.fixture
def log_lines():
    """dealbot's log set up as `dealbot serve` sets it up (JSON), read back as dicts."""
    root = logging.getLogger()
    level = root.level
    chatty = {name: logging.getLogger(name).level for name in logs.CHATTY + logs.GUARDED}
    stream = io.StringIO()
    handler = None

    def start(level_name: str = "INFO") -> io.StringIO:
        nonlocal handler
        handler = logs.setup(settings(level_name), stream=stream)
        return stream

    yield start
    if handler is not None:
        root.removeHandler(handler)
    root.setLevel(level)
    for name, was in chatty.items():
        logging.getLogger(name).setLevel(was)


def parsed(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_users_error_reference_is_the_request_id_on_every_line_of_that_request(
    slack, driver, monkeypatch, log_lines
):
    def broken(ctx, rest):
        raise RuntimeError("the listing broke")

    monkeypatch.setitem(commands.SUBCOMMANDS, "list", broken)
    stream = log_lines()
    reply = driver.slash(f"list {TYPED}")
    slack.settle()

    assert reply.status == 200
    said = told(slack)
    assert "Something went wrong on my side and nothing was changed" in said
    ref = re.search(r"Reference `([0-9a-f]+)`", said).group(1)

    lines = parsed(stream)
    of_request = [line for line in lines if line.get("request_id") == ref]
    error = next(line for line in of_request if line["level"] == "ERROR")
    assert error["message"] == f"unexpected error, ref {ref}"
    assert "RuntimeError: the listing broke" in error["exception"]
    # logged on the listener's thread, yet it names the request's workspace, user and command
    assert (error["team"], error["user"], error["command"]) == ("T0DEMO", "U0ANN", "/deal")
    access = next(line for line in of_request if line["logger"] == "dealbot.access")
    assert access["message"].startswith("POST /slack/events 200 ")
    assert (access["team"], access["user"], access["command"]) == ("T0DEMO", "U0ANN", "/deal")
    # the request is told apart from the next one
    driver.slash("help")
    slack.settle()
    ids = {line.get("request_id") for line in parsed(stream) if line["logger"] == "dealbot.access"}
    assert len(ids) == 2
    text = stream.getvalue()
    assert TYPED not in text and TOKEN not in text


def test_an_events_lines_name_the_event_and_its_id(slack, driver, log_lines):
    stream = log_lines()
    driver.event({"type": "app_home_opened", "user": "U0ANN", "tab": "home"},
                 event_id="Ev0LOGTEST01")
    slack.settle()
    access = next(line for line in parsed(stream) if line["logger"] == "dealbot.access")
    assert access["event"] == "app_home_opened"
    assert access["event_id"] == "Ev0LOGTEST01"
    assert access["team"] == "T0DEMO" and access["user"] == "U0ANN"


def test_at_debug_slacks_loggers_speak_name_the_outbox_row_not_the_token(slack, driver, log_lines):
    stream = log_lines("DEBUG")
    driver.slash("new Acme Corp 12k")
    slack.settle()
    text = stream.getvalue()
    assert '"logger": "slack_sdk' in text  # the Web API calls, logged by slack_sdk at DEBUG
    assert TOKEN not in text
    outbox = next(line for line in parsed(stream) if line["logger"].startswith("slack_sdk")
                  and "chat.postMessage" in line["message"])
    assert outbox["team"] == "T0DEMO" and outbox["outbox_id"]  # the outbox row it sends
