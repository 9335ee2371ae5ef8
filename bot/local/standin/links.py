"""Links pasted in the stand-in's Slack: the message, Slack's link_shared event, and clicks
on the app's unfurls (a driver's helpers; bot/local/standin/api_links.py is chat.unfurl).

As Slack does, link_shared goes to the app only for links on a domain the app registered
(manifest `features.unfurl_domains`, or a subdomain of one), only when its token has
links:read and it subscribes to the event, and never for messages bots post.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any
from urllib.parse import urlencode, urlsplit

from bot import manifest
from bot.local.standin.api_links import Shared, Unfurl, shared, unfurls
from bot.local.standin.clicks import action_and_state
from bot.local.standin.elements import find_element
from bot.local.standin.models import Message, Reply

URL = re.compile(r"https?://[^\s<>|\"']+")
TRAILING = ".,;:!?)"  # punctuation after a link in a sentence is not part of it
Driver = Any  # bot.local.standin.driver.Driver


def domains(s: Any) -> list[str]:
    """The app's unfurl domains: the stand-in's `unfurl_domains` when a test set them (as
    `dealbot manifest --url` fills them), else the shipped manifest's."""
    chosen = getattr(s, "unfurl_domains", None)
    if chosen is None:
        chosen = manifest.load().get("features", {}).get("unfurl_domains", [])
    return [d.lower() for d in chosen]


def urls_in(text: str) -> list[str]:
    """The links in a message as typed, in order, without trailing punctuation."""
    return [u.rstrip(TRAILING) for u in URL.findall(text)]


def domain_of(url: str, registered: list[str]) -> str | None:
    """The registered domain a link is on (the domain itself or a subdomain), else None."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return next((d for d in registered if host == d or host.endswith("." + d)), None)


def _marked(found: re.Match) -> str:
    link = found.group(0).rstrip(TRAILING)
    return f"<{link}>{found.group(0)[len(link) :]}"


def paste(
    driver: Driver,
    text: str,
    *,
    user: str = "U0BOB",
    channel: str = "C0SALES",
    thread_ts: str | None = None,
) -> tuple[Message, Reply]:
    """`user` posts `text` in `channel`: the message (its links in Slack's <url> markup), its
    message event when the app hears it, then link_shared for the app's links; the message
    and link_shared's reply (status 0: Slack sent nothing, no link was the app's)."""
    s = driver.standin
    marked = URL.sub(_marked, text)
    with s.lock:
        msg = Message(s.next_ts(), channel, user, marked, [], thread_ts=thread_ts)
        s.add_message(msg)
    s.flush()
    event = {"type": "message", "channel": channel, "user": user, "text": marked, "ts": msg.ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    driver.event(event)
    return msg, share(driver, text, user=user, channel=channel, ts=msg.ts, thread_ts=thread_ts)


def compose(driver: Driver, text: str, *, user: str = "U0BOB") -> Reply:
    """`user` types `text` in a message composer, not sent yet: link_shared with source
    `composer` (channel COMPOSER, an unfurl_id for chat.unfurl)."""
    draft = f"{user}-{secrets.token_hex(8)}"
    return share(driver, text, user=user, channel="COMPOSER", ts=draft, source="composer")


def share(
    driver: Driver,
    text: str,
    *,
    user: str,
    channel: str,
    ts: str,
    thread_ts: str | None = None,
    source: str = "conversations_history",
) -> Reply:
    """Send link_shared for the app's links in `text`, as Slack would (or nothing)."""
    s = driver.standin
    registered = domains(s)
    links = [(u, domain_of(u, registered)) for u in dict.fromkeys(urls_in(text))]
    links = [(u, d) for u, d in links if d is not None]
    if not links or "links:read" not in s.scopes or "link_shared" not in s.bot_events:
        return Reply(0, "", None)
    unfurl_id = f"{channel}.{ts}.{secrets.token_hex(16)}"
    record = Shared(channel, ts, unfurl_id, source, user, [u for u, _ in links])
    with s.lock:
        shared(s)[f"{channel}:{ts}"] = record
        shared(s)[unfurl_id] = record
    c = s.channels.get(channel, {})
    event: dict[str, Any] = {
        "type": "link_shared",
        "channel": channel,
        "is_bot_user_member": s.bot_user_id in c.get("members", []),
        "user": user,
        "message_ts": ts,
        "unfurl_id": unfurl_id,
        "source": source,
        "links": [{"domain": d, "url": u} for u, d in links],
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return driver.event(event)


def unfurl_of(s: Any, url: str, ts: str | None = None) -> Unfurl | None:
    """The app's newest unfurl of `url` (under the message `ts`, if given)."""
    with s.lock:
        found = [u for u in unfurls(s) if u.url == url and ts in (None, u.ts)]
    return found[-1] if found else None


def click_unfurl(
    driver: Driver,
    action_id: str,
    url: str,
    *,
    user: str = "U0BOB",
    ts: str | None = None,
    value: str | None = None,
) -> Reply:
    """`user` clicks a button of the app's unfurl of `url`, as Slack sends it: block_actions
    from a `message_attachment` container that is an app unfurl, with a response_url and
    the channel, and no `message` of the app's own (the message is the person's)."""
    s = driver.standin
    u = unfurl_of(s, url, ts)
    if u is None:
        raise LookupError(f"no unfurl of {url!r}")
    found = find_element(u.blocks, action_id, value)
    if found is None:
        raise LookupError(f"no element {action_id!r} in the unfurl of {url!r}")
    action, _ = action_and_state((None, None, *found), action_id, None)
    payload = {
        **driver._common("block_actions", user),
        "trigger_id": s.new_trigger_id(user),
        "container": {
            "type": "message_attachment",
            "message_ts": u.ts,
            "attachment_id": 1,
            "channel_id": u.channel,
            "is_ephemeral": False,
            "is_app_unfurl": True,
            "app_unfurl_url": url,
        },
        "channel": {"id": u.channel, "name": driver._channel_name(u.channel)},
        "state": {"values": {}},
        "response_url": s.new_response_url(user=user, channel=u.channel),
        "actions": [action],
    }
    return driver.post(urlencode({"payload": json.dumps(payload)}))
