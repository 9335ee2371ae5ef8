"""Installing an app, as slack.com does it: the authorize page and oauth.v2.access.

The authorize page (GET /oauth/v2/authorize) stands for a signed-in person clicking
Allow: it checks the client_id, the scopes and the redirect URL, and redirects the
browser to the app with a one-time code and the app's state. oauth.v2.access exchanges
that code (once, within ten minutes, with the app's secret) for a bot token of that
workspace carrying the scopes asked for, or, with token rotation on, a refresh token for
a new short-lived one. Refusals are Slack's: invalid_client_id, bad_client_secret,
invalid_code, bad_redirect_uri, invalid_grant_type, invalid_refresh_token.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bot.local.standin.models import Call

CODE_TTL_S = 600  # Slack's codes expire after ten minutes
Answer = tuple[int, dict[str, str], dict[str, Any]]


@dataclass
class AppConfig:
    """An app as its developer set it up at api.slack.com: credentials and redirect URLs."""

    client_id: str
    client_secret: str
    redirect_urls: list[str] = field(default_factory=list)
    token_rotation: bool = False
    token_lifetime_s: int = 43200  # Slack's rotating tokens last 12 hours


@dataclass
class Code:
    """What a person allowed on the authorize page, waiting for oauth.v2.access."""

    client_id: str
    team_id: str
    user: str
    scopes: frozenset[str]
    redirect_uri: str | None  # as the authorize URL gave it: the exchange must repeat it
    issued: float


def authorize(d: Any, query: dict[str, str], session: str | None) -> tuple[int, str, str]:
    """The authorize page (`d`, the stand-in's Directory): (status, Location or "", an
    error page's text)."""
    who = d.sessions.get(session or "")
    if who is None:
        return 401, "", "not signed in to Slack"
    app = d.apps.get(query.get("client_id", ""))
    if app is None:
        return 400, "", "invalid_client_id"
    scopes = frozenset(s for s in query.get("scope", "").split(",") if s.strip())
    if not scopes:
        return 400, "", "invalid_scope"  # dealbot asks for bot scopes, never user ones
    given = query.get("redirect_uri") or None
    target = given or (app.redirect_urls[0] if app.redirect_urls else None)
    if target is None or not any(target.startswith(url) for url in app.redirect_urls):
        return 400, "", "bad_redirect_uri"
    code = secrets.token_hex(16)
    team_id, user = who
    d.codes[code] = Code(app.client_id, team_id, user, scopes, given, time.monotonic())
    answer = {"code": code, **({"state": query["state"]} if "state" in query else {})}
    return 302, target + ("&" if "?" in target else "?") + urlencode(answer), ""


def access(home: Any, args: dict[str, Any]) -> Answer:
    """oauth.v2.access (`home`, the stand-in's first workspace): a code, or a refresh
    token, for a workspace's bot token."""
    d = home.directory
    shown = {k: v for k, v in args.items() if k not in ("client_secret", "code", "refresh_token")}
    app = d.apps.get(str(args.get("client_id") or ""))
    if app is None:
        return home.reject("oauth.v2.access", shown, "invalid_client_id", [])
    if not hmac.compare_digest(str(args.get("client_secret") or ""), app.client_secret):
        return home.reject("oauth.v2.access", shown, "bad_client_secret", [])
    grant_type = args.get("grant_type") or "authorization_code"
    if grant_type == "refresh_token":
        body = d.refresh(app, str(args.get("refresh_token") or ""))
        if body is None:
            return home.reject("oauth.v2.access", shown, "invalid_refresh_token", [])
    elif grant_type == "authorization_code":
        code = d.codes.pop(str(args.get("code") or ""), None)  # a code works once
        if (
            code is None
            or code.client_id != app.client_id
            or time.monotonic() - code.issued > CODE_TTL_S
        ):
            return home.reject("oauth.v2.access", shown, "invalid_code", [])
        if code.redirect_uri is not None and args.get("redirect_uri") != code.redirect_uri:
            return home.reject("oauth.v2.access", shown, "bad_redirect_uri", [])
        body = d.install(app, code.team_id, code.user, code.scopes)
    else:
        return home.reject("oauth.v2.access", shown, "invalid_grant_type", [])
    home.calls.append(Call("oauth.v2.access", shown, True))
    return 200, {}, body


def api_test(home: Any, args: dict[str, Any]) -> Answer:
    """api.test: Slack answers it without a token (a health check's probe)."""
    home.calls.append(Call("api.test", dict(args), True))
    return 200, {}, {"ok": True, "args": dict(args)}


# The methods Slack answers without a bot token.
NO_TOKEN = {"oauth.v2.access": access, "api.test": api_test}
