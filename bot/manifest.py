"""The Slack app manifest (manifest.yml): what the app asks Slack for."""

from functools import cache
from pathlib import Path
from typing import Any

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
