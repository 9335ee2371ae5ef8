"""Facts about Slack's Web API that the stand-in enforces (copied from Slack's method reference).

`token` is listed because Slack lists it; it is satisfied by the `Authorization: Bearer` header.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodSpec:
    """One Web API method: its required arguments, the bot scopes Slack lists for it (one of
    them per conversation type where the method works on conversations), and whether the
    stand-in serves it."""

    name: str
    required: tuple[str, ...]
    allowed: bool = True
    json_ok: bool = True
    scopes: tuple[str, ...] = ()


def _spec(
    name: str,
    *required: str,
    scopes: tuple[str, ...] = (),
    allowed: bool = True,
    json_ok: bool = True,
) -> MethodSpec:
    return MethodSpec(name, ("token", *required), allowed, json_ok, scopes)


_WRITE = ("chat:write",)
_FILES = ("files:write",)
_HISTORY = ("groups:history", "im:history", "mpim:history", "channels:history")


METHODS: dict[str, MethodSpec] = {
    s.name: s
    for s in (
        _spec("auth.test"),
        _spec("chat.postMessage", "channel", scopes=_WRITE),
        _spec("chat.update", "ts", "channel", scopes=_WRITE),
        _spec("chat.postEphemeral", "user", "channel", scopes=_WRITE),
        _spec("chat.getPermalink", "channel", "message_ts", json_ok=False),
        # channel and ts, or unfurl_id and source, and unfurls: checked in api_links
        _spec("chat.unfurl", scopes=("links:write",)),
        _spec("chat.delete", "ts", "channel", scopes=_WRITE),
        _spec("views.open", "view"),
        _spec("views.update", "view"),
        _spec("views.publish", "user_id", "view"),
        _spec("views.push", "view"),
        _spec("users.info", "user", json_ok=False, scopes=("users:read",)),
        _spec("users.lookupByEmail", "email", json_ok=False, scopes=("users:read.email",)),
        _spec(
            "conversations.open",
            scopes=("channels:manage", "groups:write", "im:write", "mpim:write"),
        ),
        _spec("conversations.join", "channel", scopes=("channels:join",)),
        _spec(
            "conversations.info",
            "channel",
            json_ok=False,
            scopes=("groups:read", "im:read", "mpim:read", "channels:read"),
        ),
        _spec("conversations.history", "channel", scopes=_HISTORY),
        _spec("conversations.replies", "channel", "ts", json_ok=False, scopes=_HISTORY),
        _spec("files.getUploadURLExternal", "length", "filename", json_ok=False, scopes=_FILES),
        _spec("files.completeUploadExternal", "files", scopes=_FILES),
        _spec("files.info", "file", json_ok=False, scopes=("files:read",)),
        _spec("functions.completeSuccess", "function_execution_id", "outputs"),
        _spec("functions.completeError", "function_execution_id", "error"),
    )
}

# Where a method lists one scope per conversation type, the scope's prefix names the type.
SCOPE_KIND = {"channels": "public", "groups": "private", "im": "im", "mpim": "mpim"}

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
