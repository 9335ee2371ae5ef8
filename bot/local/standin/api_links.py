"""Stand-in chat.unfurl, checked against Slack's method reference, and the unfurls it keeps.

Slack accepts an unfurl only for a link it told the app about in a link_shared event
(cannot_unfurl_url otherwise): the driver (bot/local/standin/links.py) records each link it
shares, for the message (channel and ts) and for its unfurl_id, and chat.unfurl names one
of the two: `channel` and `ts` together, or `unfurl_id` and `source` together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.checks import check_blocks, decode_json_arg
from bot.local.standin.errors import ApiError

SOURCES = ("composer", "conversations_history")


@dataclass
class Shared:
    """Links Slack told the app about in one link_shared event."""

    channel: str  # "COMPOSER" for a link still in the message composer
    ts: str  # the message's ts (a composer draft's id)
    unfurl_id: str
    source: str
    user: str
    urls: list[str] = field(default_factory=list)


@dataclass
class Unfurl:
    """What the app attached under a link: its blocks (or an attachment), by whom it was seen."""

    url: str
    channel: str
    ts: str
    unfurl_id: str
    source: str
    blocks: list[dict[str, Any]]
    attachment: dict[str, Any]


def shared(s: Any) -> dict[str, Shared]:
    """The workspace's shared links, by "channel:ts" and by unfurl_id."""
    return s.__dict__.setdefault("links_shared", {})


def unfurls(s: Any) -> list[Unfurl]:
    """Every unfurl the app made in the workspace, oldest first (a redo replaces its URL's)."""
    return s.__dict__.setdefault("unfurl_record", [])


def _target(s: Any, args: dict[str, Any]) -> Shared:
    channel, ts = args.get("channel"), args.get("ts")
    unfurl_id, source = args.get("unfurl_id"), args.get("source")
    if channel or ts:
        if not channel:
            raise ApiError("missing_channel", ["chat.unfurl: ts without channel"])
        if not ts:
            raise ApiError("missing_ts", ["chat.unfurl: channel without ts"])
        found = shared(s).get(f"{channel}:{ts}")
        if found is None:
            msg = s.find_message(str(channel), str(ts))
            if msg is None or msg.deleted:
                raise ApiError("cannot_find_message")  # deleted since: no fault of the app
            raise ApiError("cannot_unfurl_url", ["chat.unfurl: no link_shared for that message"])
        return found
    if unfurl_id or source:
        if not unfurl_id:
            raise ApiError("missing_unfurl_id", ["chat.unfurl: source without unfurl_id"])
        if not source:
            raise ApiError("missing_source", ["chat.unfurl: unfurl_id without source"])
        if source not in SOURCES:
            raise ApiError("invalid_source", [f"chat.unfurl: source {source!r}"])
        found = shared(s).get(str(unfurl_id))
        if found is None or found.source != source:
            raise ApiError("invalid_unfurl_id", ["chat.unfurl: an unfurl_id Slack never sent"])
        return found
    needs = "chat.unfurl: needs channel and ts, or unfurl_id and source"
    raise ApiError("missing_channel", [needs])


def _checked(urls: Any, target: Shared) -> dict[str, dict[str, Any]]:
    if urls in (None, "", {}):
        raise ApiError("missing_unfurls", ["chat.unfurl: missing unfurls"])
    urls, problem = decode_json_arg(urls)
    if problem or not isinstance(urls, dict):
        raise ApiError("invalid_unfurls_format", [f"chat.unfurl: unfurls {problem or 'not a map'}"])
    for url, shown in urls.items():
        if url not in target.urls:
            raise ApiError("cannot_unfurl_url", [f"chat.unfurl: {url!r} was not shared"])
        if not isinstance(shown, dict):
            raise ApiError("cannot_parse_attachment", [f"chat.unfurl: {url!r} is not an object"])
        if "blocks" in shown:
            problems = check_blocks(shown["blocks"], limit=m.MAX_BLOCKS_MESSAGE, where=url)
            if problems:
                raise ApiError("cannot_parse_attachment", problems)
        elif not any(isinstance(shown.get(k), str) for k in ("text", "title", "fallback")):
            raise ApiError("cannot_parse_attachment", [f"chat.unfurl: {url!r} shows nothing"])
    return urls


def unfurl(s: Any, args: dict[str, Any]) -> dict[str, Any]:
    """chat.unfurl: attach the app's blocks under links Slack shared with it."""
    target = _target(s, args)
    for url, shown in _checked(args.get("unfurls"), target).items():
        kept = unfurls(s)
        kept[:] = [u for u in kept if (u.url, u.unfurl_id) != (url, target.unfurl_id)]
        blocks = shown.get("blocks") or []
        kept.append(
            Unfurl(url, target.channel, target.ts, target.unfurl_id, target.source, blocks, shown)
        )
    return {"ok": True}


HANDLERS: dict[str, Callable[[Any, dict[str, Any]], dict[str, Any]]] = {"chat.unfurl": unfurl}
