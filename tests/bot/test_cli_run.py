"""Before saying it serves, dealbot checks Slack: a refused token or an unreachable Slack is
one line on stderr naming the setting, and exit code 2 (no traceback, nothing served)."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.local.served import free_port
from bot.local.standin import SlackStandIn

ROOT = Path(__file__).resolve().parents[2]


def _start(cmd: str, database_url: str, api_url: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-checked-at-start",
        "SLACK_APP_TOKEN": "xapp-checked-at-start",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "INFO",
    }
    args = ["--port", str(free_port()), "--host", "127.0.0.1"] if cmd == "serve" else []
    return subprocess.run(
        [sys.executable, "-m", "bot", cmd, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("cmd", "error"),
    [("serve", "invalid_auth"), ("run", "account_inactive"), ("serve", "not_authed")],
)
def test_a_bot_token_slack_refuses_is_one_line_and_exit_2(cmd, error, database_url):
    with SlackStandIn() as standin:
        standin.fail_next("auth.test", error)
        done = _start(cmd, database_url, standin.api_url)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"dealbot: SLACK_BOT_TOKEN was refused by Slack ({error}); copy the Bot User OAuth "
        "Token (xoxb-…) from the app's OAuth & Permissions page, or reinstall the app.\n"
    )


def test_an_unreachable_slack_is_one_line_naming_the_setting(database_url):
    api_url = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    done = _start("serve", database_url, api_url)
    assert done.returncode == 2
    assert done.stderr.startswith(f"dealbot: cannot reach Slack at SLACK_API_URL={api_url} (")
    assert "Connection refused" in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr


def test_socket_mode_with_an_app_token_slack_refuses_is_one_line(database_url):
    with SlackStandIn() as standin:  # takes the bot token; refuses apps.connections.open
        done = _start("run", database_url, standin.api_url)
        calls = [c.method for c in standin.calls]
    assert calls[0] == "auth.test" and calls[-1] == "apps.connections.open"
    assert done.returncode == 2
    assert done.stderr == (
        "dealbot: SLACK_APP_TOKEN was refused by Slack (invalid_auth); create an app-level "
        "token with connections:write (Basic Information > App-Level Tokens).\n"
    )


def test_socket_mode_gate_finishes_requests_in_flight_and_takes_no_more():
    from bot.cli_run import Gate

    started, release, handled = threading.Event(), threading.Event(), []

    def handle(_client, request) -> None:
        started.set()
        release.wait(5)
        handled.append(request)

    gate = Gate(handle)
    first = threading.Thread(target=gate, args=(None, "in flight"))
    first.start()
    started.wait(5)
    gate.close()
    gate(None, "after the signal")  # not taken: Slack sends an unacknowledged event again
    assert gate.wait(0.05) == 1  # the one in flight is still running
    release.set()
    assert gate.wait(5) == 0
    first.join(5)
    assert handled == ["in flight"]


def test_a_port_already_taken_is_one_line_naming_the_setting(database_url):
    import socket

    with SlackStandIn() as standin, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-port",
            "SLACK_SIGNING_SECRET": "secret",
            "SLACK_API_URL": standin.api_url,
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "ERROR",
        }
        done = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == (
        f"dealbot: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "choose another with --port or PORT.\n"
    )
