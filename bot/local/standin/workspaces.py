"""Several workspaces behind one stand-in, as behind slack.com: the token decides which.

The stand-in itself is the first workspace; `add_workspace` makes another, served by
the same HTTP server (same API URL, same response_url host). A token belongs to the
workspace it was issued for, so every call lands in its own workspace and a call with
a token Slack never issued, a revoked one or an expired one is refused as Slack does.
Until an app is registered for OAuth (`register_app`), any `xoxb-` token is the first
workspace's, as when an admin pastes the bot token of a single-workspace install.
"""

from __future__ import annotations

import html
import re
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from bot.local.standin.api_oauth import AppConfig

SlackStandIn = Any  # the stand-in's class (server.py imports this module)
Driver = Any


@dataclass
class Grant:
    """A token Slack issued: whose it is, what it may do, and whether it still works."""

    team_id: str
    client_id: str
    scopes: frozenset[str]
    refresh: bool = False  # a refresh token, good only for oauth.v2.access
    expires_at: float | None = None  # wall-clock seconds; None: never expires
    revoked: bool = False


class Directory:
    """Every workspace of one stand-in, the apps installed in them, and their tokens."""

    def __init__(self, home: SlackStandIn) -> None:
        self.home = home
        self.workspaces: dict[str, SlackStandIn] = {home.team_id: home}
        self.apps: dict[str, AppConfig] = {}
        self.tokens: dict[str, Grant] = {}
        self.codes: dict[str, Any] = {}
        self.sessions: dict[str, tuple[str, str]] = {}
        self.used: list[tuple[str, str, str]] = []  # (team_id, method, token) of each call
        self.lock = threading.Lock()

    # set-up -----------------------------------------------------------------------------------
    def add_workspace(self, *, team_id: str, team_name: str, **kw: Any) -> SlackStandIn:
        """Another workspace on the same server (its own people, channels and messages)."""
        bot_user = kw.pop("bot_user_id", "UDEALBOT" + team_id[-4:])
        ws = type(self.home)(team_id=team_id, team_name=team_name, bot_user_id=bot_user,
                          clock=self.home.clock, trigger_ttl=self.home.trigger_ttl, **kw)
        ws.bot_id = "B0" + team_id[-6:]  # the same app (app_id), a bot user of its own
        ws.hosted_by, ws.directory = self.home, self
        with self.lock:
            self.workspaces[team_id] = ws
        return ws

    def register_app(self, client_id: str, client_secret: str, redirect_urls: list[str],
                     *, token_rotation: bool = False, token_lifetime_s: int = 43200) -> None:
        """The app as set up at api.slack.com; from now on only issued tokens work."""
        with self.lock:
            self.apps[client_id] = AppConfig(client_id, client_secret, list(redirect_urls),
                                             token_rotation, token_lifetime_s)

    def sign_in(self, team_id: str, user: str) -> str:
        """A browser session cookie (`d`) of a person signed in to a workspace."""
        session = secrets.token_hex(12)
        with self.lock:
            self.sessions[session] = (team_id, user)
        return session

    # tokens -----------------------------------------------------------------------------------
    def owner(
        self, method: str, token: str | None, here: SlackStandIn
    ) -> tuple[SlackStandIn, str | None, list[str]]:
        """The workspace a call belongs to, and Slack's refusal of its token, if any; a call
        made `here` with an issued token is recorded with it."""
        if not token:
            return self.home, "not_authed", ["no token"]
        grant = self.tokens.get(token)
        if grant is None:
            if not token.startswith("xoxb-"):
                return self.home, "invalid_auth", [f"not a bot token: {token[:5]}..."]
            if self.apps:
                return self.home, "invalid_auth", ["a token Slack never issued"]
            return self.home, None, []  # single-workspace: the pasted bot token
        ws = self.workspaces[grant.team_id]
        if grant.refresh:
            return ws, "invalid_auth", ["a refresh token used as an access token"]
        if grant.revoked:
            return ws, "token_revoked", []
        if grant.expires_at is not None and time.time() >= grant.expires_at:
            return ws, "token_expired", []
        if ws is here:
            with self.lock:
                self.used.append((grant.team_id, method, token))
        return ws, None, []

    def tokens_used(self, team_id: str) -> set[str]:
        """Every issued token that made a call in the workspace."""
        with self.lock:
            return {t for team, _m, t in self.used if team == team_id}

    def tokens_of(self, team_id: str) -> set[str]:
        """Every access token issued for the workspace (revoked ones too)."""
        with self.lock:
            return {t for t, g in self.tokens.items() if g.team_id == team_id and not g.refresh}

    def install(self, app: AppConfig, team_id: str, user: str, scopes: frozenset[str]) -> dict:
        """Install (or reinstall) the app: a new bot token with these scopes; the answer."""
        ws = self.workspaces[team_id]
        with ws.lock:
            ws.scopes = scopes  # what the workspace granted the app
        body = self._issue(app, team_id, scopes)
        return {
            **body,
            "app_id": ws.app_id,
            "bot_user_id": ws.bot_user_id,
            "team": {"id": team_id, "name": ws.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": user},
        }

    def refresh(self, app: AppConfig, refresh_token: str) -> dict | None:
        """A new access token for a refresh token (token rotation), or None if it is bad."""
        grant = self.tokens.get(refresh_token)
        if grant is None or not grant.refresh or grant.revoked or grant.client_id != app.client_id:
            return None
        body = self._issue(app, grant.team_id, grant.scopes, refresh_token=refresh_token)
        ws = self.workspaces[grant.team_id]
        return {**body, "app_id": ws.app_id, "bot_user_id": ws.bot_user_id,
                "team": {"id": grant.team_id, "name": ws.team_name}, "enterprise": None}

    def _issue(self, app: AppConfig, team_id: str, scopes: frozenset[str],
               refresh_token: str | None = None) -> dict:
        body: dict[str, Any] = {"ok": True, "token_type": "bot", "scope": ",".join(sorted(scopes))}
        with self.lock:
            if not app.token_rotation:
                token = f"xoxb-{team_id}-{secrets.token_hex(10)}"
                self.tokens[token] = Grant(team_id, app.client_id, scopes)
                return {**body, "access_token": token}
            token = f"xoxe.xoxb-1-{team_id}-{secrets.token_hex(10)}"
            expires = time.time() + app.token_lifetime_s
            self.tokens[token] = Grant(team_id, app.client_id, scopes, expires_at=expires)
            refresh = refresh_token or f"xoxe-1-{team_id}-{secrets.token_hex(10)}"
            self.tokens[refresh] = Grant(team_id, app.client_id, scopes, refresh=True)
        return {**body, "access_token": token, "refresh_token": refresh,
                "expires_in": app.token_lifetime_s}

    def revoke(self, team_id: str) -> None:
        """Revoke every token of the workspace, as uninstalling the app does."""
        with self.lock:
            for grant in self.tokens.values():
                if grant.team_id == team_id:
                    grant.revoked = True
        ws = self.workspaces[team_id]
        with ws.lock:
            ws.scopes = frozenset()

    def expire(self, team_id: str) -> None:
        """Let the workspace's rotating tokens run out now."""
        with self.lock:
            for grant in self.tokens.values():
                if grant.team_id == team_id and grant.expires_at is not None:
                    grant.expires_at = time.time() - 1

    def for_response_url(self, rid: str) -> SlackStandIn:
        """The workspace that issued a response_url."""
        for ws in list(self.workspaces.values()):
            if rid in ws.response_urls:
                return ws
        return self.home

    def contract_failures(self) -> list[str]:
        """Calls real Slack would have refused, in every workspace."""
        return [f for ws in self.workspaces.values() for f in ws.contract_failures]


# a person in a browser ----------------------------------------------------------------------
@dataclass
class Visit:
    """One page a browser got: status, where it was sent, what it said, cookies it was given."""

    status: int
    location: str
    body: str
    cookies: dict[str, str]


def visit(url: str, cookies: dict[str, str] | None = None) -> Visit:
    """GET a page the way a browser does, without following a redirect."""

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kw: Any) -> None:
            return None

    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    req = urllib.request.Request(url, headers=headers if cookies else {})
    try:
        with urllib.request.build_opener(Stay).open(req, timeout=30) as resp:
            status, got, body = resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as exc:
        status, got, body = exc.code, exc.headers, exc.read().decode()
    jar = dict(c.split(";")[0].split("=", 1) for c in got.get_all("Set-Cookie") or [])
    return Visit(status, got.get("Location") or "", body, jar)


def install(ws: SlackStandIn, app_url: str, user: str = "U0ANN") -> Visit:
    """A person of `ws` installs the app: its "Add to Slack" page, Slack's authorize page
    (signed in, clicking Allow), then back to the app's redirect URL; its last page."""
    page = visit(app_url.rstrip("/") + "/slack/install")
    found = re.search(r'<a href="([^"]+)"', page.body)
    if page.status != 200 or found is None:
        return page
    allowed = visit(html.unescape(found.group(1)),
                    {"d": ws.directory.sign_in(ws.team_id, user)})
    if allowed.status != 302:
        return allowed
    return visit(allowed.location, page.cookies)


def uninstall(driver: Driver) -> None:
    """An admin removes the app: Slack revokes its tokens, then tells the app so."""
    ws = driver.standin
    ws.directory.revoke(ws.team_id)
    driver.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [ws.bot_user_id]}})
    driver.event({"type": "app_uninstalled"})
