"""Settings from the environment and .env, checked once at start."""

import logging
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dotenv import load_dotenv

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///dealbot.db"

# What each way of running needs, beyond the defaults.
REQUIRED = {
    "run": ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"),
    "serve": ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
    "digest": ("SLACK_BOT_TOKEN",),  # `--print` needs no token: it runs as "db"
    "db": (),
    "export": (),  # a token only adds owners' names
    "import": (),  # a token only finds owners by email (users.lookupByEmail)
    "demo": (),
    "console": (),
}
PREFIXES = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
# OAuth distribution: with these three, every workspace's own token comes from the
# installation store and these modes need no SLACK_BOT_TOKEN.
OAUTH = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")
INSTALLABLE = ("serve", "digest", "export", "import")
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/\-\[\]@%]+")  # a deal link is safe in mrkdwn


class SettingsError(Exception):
    """A missing or bad setting; the message is one line that names it."""


@dataclass(frozen=True)
class Settings:
    """Everything dealbot reads from its environment."""

    bot_token: str | None
    app_token: str | None
    signing_secret: str | None
    api_url: str
    database_url: str
    log_level: str
    log_format: str = "text"  # or "json": one object a line (bot/runtime/logs.py)
    tick_seconds: float = 60.0  # the clock: due digests, nudges, leftover outbox rows
    outbox_lease_seconds: int = 60  # a row a dead process was sending is retried after this
    client_id: str | None = None  # OAuth distribution (HTTP mode): SLACK_CLIENT_ID …
    client_secret: str | None = None
    state_secret: str | None = None
    redirect_uri: str | None = None  # only when the app lists several redirect URLs
    public_url: str | None = None  # DEALBOT_PUBLIC_URL: deal links <url>/d/<team>/<number>

    @property
    def oauth(self) -> bool:
        """Installed through OAuth in any workspace (tokens in the installation store)."""
        return bool(self.client_id)

    def __repr__(self) -> str:  # tokens stay out of logs and tracebacks
        return f"Settings(api_url={self.api_url!r}, database_url={_redact(self.database_url)!r})"


def _redact(url: str) -> str:
    head, sep, tail = url.partition("@")
    return ("…" + sep + tail) if sep and "://" in head else url


def load(mode: str, env: dict[str, str] | None = None) -> Settings:
    """Read and check the settings that `mode` needs; raise SettingsError naming a bad one."""
    if env is None:
        load_dotenv(os.path.join(os.getcwd(), ".env"), override=False)
        env = dict(os.environ)
    oauth = mode in INSTALLABLE and any(env.get(n, "").strip() for n in OAUTH)
    _check_required(mode, env, oauth)
    for name, prefix in PREFIXES.items():
        if env.get(name) and not env[name].startswith(prefix):
            raise SettingsError(
                f"{name} should start with {prefix!r}; check you copied the "
                "right token from the Slack app's settings."
            )
    level = env.get("LOG_LEVEL", "INFO").upper()
    if not isinstance(logging.getLevelName(level), int):
        raise SettingsError(
            f"LOG_LEVEL={level!r} is not a log level; use DEBUG, INFO, WARNING or ERROR."
        )
    log_format = env.get("LOG_FORMAT", "").strip().lower() or "text"
    if log_format not in ("text", "json"):
        raise SettingsError(f"LOG_FORMAT={log_format!r} is not a log format; use text or json.")
    api_url = env.get("SLACK_API_URL") or DEFAULT_API_URL
    if not api_url.startswith(("https://", "http://")):
        raise SettingsError(f"SLACK_API_URL={api_url!r} is not an http(s) URL.")
    db_url = env.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not db_url.startswith(("sqlite", "postgresql")):
        raise SettingsError("DATABASE_URL must be sqlite:///… or postgresql+psycopg://…")
    tick = _seconds(env, "DEALBOT_TICK_SECONDS", 60)
    lease = int(_seconds(env, "DEALBOT_OUTBOX_LEASE_SECONDS", 60))
    return Settings(
        tick_seconds=tick,
        outbox_lease_seconds=lease,
        bot_token=env.get("SLACK_BOT_TOKEN") or None,
        app_token=env.get("SLACK_APP_TOKEN") or None,
        signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        api_url=api_url if api_url.endswith("/") else api_url + "/",
        database_url=db_url,
        log_level=level,
        log_format=log_format,
        client_id=(env.get("SLACK_CLIENT_ID") or "").strip() or None if oauth else None,
        client_secret=env.get("SLACK_CLIENT_SECRET") or None if oauth else None,
        state_secret=env.get("SLACK_STATE_SECRET") or None if oauth else None,
        redirect_uri=_redirect_uri(env) if oauth else None,
        public_url=public_url(env.get("DEALBOT_PUBLIC_URL", "")),
    )


def _check_required(mode: str, env: dict[str, str], oauth: bool) -> None:
    """Every setting the mode needs is there; OAuth's three stand in for SLACK_BOT_TOKEN."""
    for name in OAUTH if oauth else ():
        if not env.get(name, "").strip():
            raise SettingsError(
                f"{name} is not set: installing dealbot in any workspace needs "
                f"{', '.join(OAUTH[:-1])} and {OAUTH[-1]} (see .env.example)."
            )
    if oauth and env.get("SLACK_BOT_TOKEN", "").strip():
        raise SettingsError(
            "Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and "
            "SLACK_STATE_SECRET (any workspace, tokens from installs), not both."
        )
    for name in REQUIRED[mode]:
        if oauth and name == "SLACK_BOT_TOKEN":
            continue
        if not env.get(name, "").strip():
            also = (
                f", or {', '.join(OAUTH[:-1])} and {OAUTH[-1]} to install it in any workspace"
                if name == "SLACK_BOT_TOKEN" and mode in INSTALLABLE
                else ""
            )
            raise SettingsError(
                f"{name} is not set: `dealbot {mode}` needs it{also} (see .env.example)."
            )


def _redirect_uri(env: dict[str, str]) -> str | None:
    """SLACK_REDIRECT_URI, an https URL ending in /slack/oauth_redirect, when given."""
    value = env.get("SLACK_REDIRECT_URI", "").strip()
    if value and not (value.startswith("https://") and value.endswith("/slack/oauth_redirect")):
        raise SettingsError(
            f"SLACK_REDIRECT_URI={value!r} should be https://<your host>/slack/oauth_redirect."
        )
    return value or None


def public_url(raw: str) -> str | None:
    """DEALBOT_PUBLIC_URL: where people reach `dealbot serve` (https://host[/prefix]), without
    a trailing slash; None when unset. Deal links and unfurls are built on it."""
    value = raw.strip().rstrip("/")
    if not value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # a broken [IPv6] host
        parts = urlsplit("")
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or not _URL_CHARS.fullmatch(value)
    ):
        raise SettingsError(
            f"DEALBOT_PUBLIC_URL={raw.strip()!r} is not a URL like https://dealbot.example.com "
            "(a host, optionally a path; no query, no spaces)."
        )
    return value


def _seconds(env: dict[str, str], name: str, default: float) -> float:
    """A positive number of seconds from the environment, or the default."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if not 0 < value <= 86400:
        raise SettingsError(f"{name}={raw!r} is not a number of seconds between 0 and 86400.")
    return value
