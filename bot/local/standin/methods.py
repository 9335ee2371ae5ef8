"""Facts about Slack's Web API that the stand-in enforces (copied from Slack's method reference).

`token` is listed because Slack lists it; it is satisfied by the `Authorization: Bearer` header.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodSpec:
    """One Web API method: its required arguments and whether the stand-in serves it."""

    name: str
    required: tuple[str, ...]
    allowed: bool = True
    json_ok: bool = True


def _spec(name: str, *required: str, allowed: bool = True, json_ok: bool = True) -> MethodSpec:
    return MethodSpec(name, ("token", *required), allowed, json_ok)


METHODS: dict[str, MethodSpec] = {
    s.name: s
    for s in (
        _spec("auth.test"),
        _spec("chat.postMessage", "channel"),
        _spec("chat.update", "ts", "channel"),
        _spec("chat.postEphemeral", "user", "channel"),
        _spec("chat.getPermalink", "channel", "message_ts", json_ok=False),
        _spec("chat.delete", "ts", "channel"),
        _spec("views.open", "view"),
        _spec("views.update", "view"),
        _spec("views.publish", "user_id", "view"),
        _spec("views.push", "view"),
        _spec("users.info", "user", json_ok=False),
        _spec("conversations.open"),
        _spec("conversations.join", "channel"),
        _spec("conversations.info", "channel", json_ok=False),
        _spec("conversations.history", "channel"),
        _spec("conversations.replies", "channel", "ts", json_ok=False),
    )
}

# Alternatives Slack documents in prose rather than in `args.required`.
ONE_OF: dict[str, tuple[str, ...]] = {
    "views.open": ("trigger_id", "interactivity_pointer"),
    "views.push": ("trigger_id", "interactivity_pointer"),
    "views.update": ("view_id", "external_id"),
    "conversations.open": ("channel", "users"),
}

MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELD_TEXT = 2000
MAX_UPDATE_TEXT = 4000
MAX_TEXT = 40000
MAX_MODAL_TITLE = 24
MAX_PUSH_DEPTH = 3
MAX_VIEW_BYTES = 250_000
TRIGGER_TTL_S = 3.0
RESPONSE_URL_MAX_USES = 5
RESPONSE_URL_TTL_S = 1800.0
HISTORY_LIMIT = 100  # conversations.history: default `limit`, and its maximum
HISTORY_LIMIT_MAX = 999
REPLIES_LIMIT = 1000  # conversations.replies: default and maximum `limit`
