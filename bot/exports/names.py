"""Owners' names for an export: the database keeps user ids; Slack knows the names."""

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("dealbot.export")

# users.info for one id: the `user` object, or None when Slack could not say.
Lookup = Callable[[str], dict | None]


def users_info(client: WebClient) -> Lookup:
    """The Lookup that asks Slack (users.info) with this client."""

    def lookup(user_id: str) -> dict | None:
        try:
            return client.users_info(user=user_id).get("user")
        except (SlackApiError, OSError) as e:
            log.info("users.info %s: %s", user_id, e)
            return None

    return lookup


def person_name(user: dict) -> str:
    """A person's full name as Slack shows it (their display name when it has none)."""
    profile = user.get("profile") or {}
    for name in (profile.get("real_name"), user.get("real_name"), profile.get("display_name")):
        if name:
            return str(name)
    return str(user.get("name") or "")


def names_of(user_ids: list[str], lookup: Lookup | None) -> dict[str, str]:
    """user id -> name for each id Slack answers for; none at all without a lookup."""
    names: dict[str, str] = {}
    if lookup is None:
        return names
    for uid in user_ids:
        user = lookup(uid)
        if user:
            names[uid] = person_name(user)
        else:
            log.info("no name for %s: the owner column has their id", uid)
    return names
