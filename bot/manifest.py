"""The Slack app manifest (manifest.yml): what the app asks Slack for."""

import copy
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# The wheel carries a copy beside this module; a checkout reads the one at its root.
_PLACES = (Path(__file__).with_name("manifest.yml"), Path(__file__).parents[1] / "manifest.yml")


def path() -> Path:
    """Where manifest.yml is."""
    for place in _PLACES:
        if place.is_file():
            return place
    raise FileNotFoundError("manifest.yml is missing from this installation")


@cache
def load() -> dict[str, Any]:
    """The manifest as a dict (read once)."""
    return yaml.safe_load(path().read_text(encoding="utf-8"))


def bot_scopes() -> list[str]:
    """The bot scopes the manifest asks for, in its order."""
    return list(load()["oauth_config"]["scopes"]["bot"])


EVENTS_PATH = "/slack/events"
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"


def for_url(url: str) -> dict[str, Any]:
    """The manifest for HTTP mode at `url` (https://host, optionally with a path prefix):
    every request URL on that host, the OAuth redirect URL, Socket Mode off, and the host
    as the unfurl domain. Raises ValueError naming what is wrong with the URL."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise ValueError(f"--url {url!r} is not an https:// URL; Slack only calls https.")
    if parts.query or parts.fragment:
        raise ValueError(f"--url {url!r} has a query or fragment; give https://host[/prefix].")
    base = f"https://{parts.netloc.lower()}{parts.path.rstrip('/')}"
    events = base + EVENTS_PATH
    m = copy.deepcopy(load())
    for command in m.get("features", {}).get("slash_commands", []):
        command["url"] = events
    m["features"]["unfurl_domains"] = [host]
    m["oauth_config"]["redirect_urls"] = [base + OAUTH_REDIRECT_PATH]
    settings = m["settings"]
    settings.setdefault("interactivity", {"is_enabled": True})["request_url"] = events
    if "message_menu_options_url" in settings["interactivity"]:  # external_select options
        settings["interactivity"]["message_menu_options_url"] = events
    settings.setdefault("event_subscriptions", {})["request_url"] = events
    settings["socket_mode_enabled"] = False
    return m
