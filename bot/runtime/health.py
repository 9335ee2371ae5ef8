"""Health: is the database answering, is Slack reachable (and does it take our token)?

Used twice: once at start, where a refused token or an unreachable Slack stops dealbot
with one line naming the setting, and by `GET /healthz` (HTTP mode, and Socket Mode on
an optional port), which answers 200 or 503 with what is up and what is down.
"""

import json
import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from storage import db

log = logging.getLogger("dealbot")

# Slack's answers that mean the token itself is no good (not a passing fault).
REFUSED = frozenset({"invalid_auth", "not_authed", "account_inactive", "token_revoked",
                     "token_expired", "no_permission", "org_login_required", "ekm_access_denied"})
SLACK_CACHE_SECONDS = 30.0  # a probe every few seconds costs Slack one call per 30 s
_QUIET = logging.getLogger("dealbot.health.probe")
_QUIET.propagate = False
_QUIET.addHandler(logging.NullHandler())


class StartupError(Exception):
    """Dealbot cannot start; the message is one line naming the setting to fix."""


def slack_status(client: WebClient) -> str:
    """'up', the error Slack gave ('invalid_auth', …), or 'unreachable: <why>'.

    With a bot token, auth.test (which also proves the token); without one (OAuth mode,
    each workspace's token is in the installation store), api.test, which needs none.
    """
    # A client of its own: a short timeout, and slack_sdk's own error line kept out of the
    # log (the status says it, once).
    probe = WebClient(
        token=client.token, base_url=client.base_url, timeout=10, proxy=client.proxy, logger=_QUIET
    )
    try:
        if probe.token:
            probe.auth_test()
        else:
            probe.api_test()
        return "up"
    except SlackApiError as e:
        if not probe.token:
            return "up"  # it answered; without a token, that is all api.test can say
        error = str(e.response.get("error", "")) if e.response is not None else ""
        return error or f"http_{getattr(e.response, 'status_code', '?')}"
    except Exception as e:  # URLError, timeouts, resets, TLS: Slack is not reachable
        return f"unreachable: {_why(e)}"


def check_at_start(client: WebClient, *, token_setting: str = "SLACK_BOT_TOKEN") -> None:
    """Raise StartupError (one line) when Slack refuses the token or cannot be reached."""
    status = slack_status(client)
    if status == "up":
        return
    if status.startswith("unreachable"):
        raise StartupError(
            f"cannot reach Slack at SLACK_API_URL={client.base_url} ({status.split(': ', 1)[1]}); "
            "check the network, a proxy, or the setting."
        )
    if status in REFUSED:
        raise StartupError(
            f"{token_setting} was refused by Slack ({status}); copy the Bot User OAuth Token "
            "(xoxb-…) from the app's OAuth & Permissions page, or reinstall the app."
        )
    raise StartupError(f"Slack answered auth.test with {status}; dealbot cannot start.")


def check_app_token_at_start(client: WebClient, app_token: str) -> None:
    """Socket Mode: raise StartupError (one line) when Slack refuses the app-level token."""
    probe = WebClient(base_url=client.base_url, timeout=10, proxy=client.proxy, logger=_QUIET)
    try:
        probe.apps_connections_open(app_token=app_token)
    except SlackApiError as e:
        error = str(e.response.get("error", "")) if e.response is not None else ""
        raise StartupError(app_token_refused(error)) from None
    except Exception as e:
        raise StartupError(
            f"cannot reach Slack at SLACK_API_URL={client.base_url} ({_why(e)}); "
            "check the network, a proxy, or the setting."
        ) from None


def app_token_refused(error: str) -> str:
    """The line for an app-level token Slack refuses."""
    return (
        f"SLACK_APP_TOKEN was refused by Slack ({error}); create an app-level token with "
        "connections:write (Basic Information > App-Level Tokens)."
    )


def check_database_at_start() -> None:
    """Raise StartupError when the database does not answer (its password not shown)."""
    if not db.ping():
        url = db.engine().url.render_as_string(hide_password=True)
        raise StartupError(f"cannot reach the database at DATABASE_URL={url}.")


def _why(e: BaseException) -> str:
    reason = getattr(e, "reason", None)  # URLError wraps the socket's error
    inner = reason if isinstance(reason, BaseException) else e
    text = str(inner) or type(inner).__name__
    return f"{type(inner).__name__}: {text}" if type(inner).__name__ not in text else text


class Health:
    """What /healthz answers: the database on every probe, Slack at most every 30 s."""

    def __init__(
        self,
        client: WebClient,
        *,
        cache_seconds: float = SLACK_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client, self.cache_seconds, self.clock = client, cache_seconds, clock
        self._lock = threading.Lock()
        self._slack: tuple[float, str] | None = None

    def slack(self) -> str:
        """Slack's status, from the last 30 s when there is one."""
        with self._lock:
            if self._slack and self.clock() - self._slack[0] < self.cache_seconds:
                return self._slack[1]
        status = slack_status(self.client)
        with self._lock:
            self._slack = (self.clock(), status)
        if status != "up":
            log.warning("health: Slack is %s", status)
        return status

    def report(self) -> tuple[bool, dict]:
        """(healthy, the JSON body): healthy when the database answers and Slack is up."""
        database = "up" if db.ping() else "down"
        slack = self.slack()
        ok = database == "up" and slack == "up"
        return ok, {"ok": ok, "database": database, "slack": slack}

    def wsgi(self, environ, start_response) -> list[bytes]:
        """GET/HEAD /healthz as a WSGI response: 200 when healthy, else 503."""
        ok, body = self.report()
        status = "200 OK" if ok else "503 Service Unavailable"
        data = json.dumps(body).encode()
        start_response(
            status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
        )
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [data]
