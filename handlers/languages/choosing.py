"""The language of each reader, found and spoken where they read (rules: bot/i18n/choice.py).

- A person's Slack locale comes from users.info with include_locale, remembered per
  (Slack, workspace, person) for TTL seconds: one call a person every ten minutes at most.
- `SpeakTheirLanguage` (Bolt middleware) sets the language of every request: the person's
  for what they alone see (commands, clicks, forms, Home, their DM with dealbot), the
  channel's for what a channel sees (a link's unfurl). Bolt calls the listener after the
  middleware has returned (on this thread, or on a pool thread in a copy of this context:
  bot/runtime/executor.py), so the language is set, not set-and-reset, like TagRequest's
  log fields; every request sets its own.
- A channel's language (its setting, else the workspace default) is remembered per
  (database, workspace, channel) for CHANNEL_TTL seconds, and forgotten in this process
  when `/deal language` changes it: a delivery under load reads it once every ten
  seconds, not once per card and thread line; another process sees a change within ten.
- `in_their_language` wraps each outbox sender: cards, thread lines and digests in the
  channel's language, DMs and Home in the person's.
"""

import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import SOURCE, speak, speaking
from bot.i18n.choice import channel_language, from_locale
from storage import db
from storage.db import read_scope

log = logging.getLogger("dealbot")

TTL = 600.0  # a changed Slack language shows within ten minutes
CHANNEL_TTL = 10.0  # a channel's language changed in another process shows within ten seconds
UNKNOWN_TTL = 60.0  # Slack could not say: ask again a minute later, not on every click
LOOKUP_TIMEOUT = 1.0  # before the ack: a slow Slack costs at most a second of the three
_PERSONAL_PAYLOADS = {
    "block_actions", "view_submission", "view_closed", "shortcut", "message_action",
    "block_suggestion",
}
# Outbox rows one person reads; every other kind is read in its channel.
PERSONAL_ROWS = {"owner_dm", "handoff_dm", "nudge", "reminder", "home", "notice"}


class UserLocales:
    """users.info's `locale` as a dealbot language (None: one dealbot does not speak)."""

    def __init__(self, ttl: float = TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.clock = ttl, clock
        self.seen: dict[tuple[str, str, str], tuple[float, str | None]] = {}
        self.lock = threading.Lock()

    def language(self, client: WebClient, team_id: str, user_id: str) -> str | None:
        """The person's language as Slack says it, remembered for a while."""
        key, now = (client.base_url, team_id, user_id), self.clock()
        with self.lock:
            hit = self.seen.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        ttl = self.ttl
        try:
            asking = WebClient(token=client.token, base_url=client.base_url,
                               timeout=LOOKUP_TIMEOUT, retry_handlers=[])
            user = asking.users_info(user=user_id, include_locale=True).get("user") or {}
            lang = from_locale(user.get("locale"))
        except (SlackApiError, OSError) as e:  # the channel's language serves meanwhile
            log.info("users.info (locale) for %s: %s", user_id, e)
            lang, ttl = None, UNKNOWN_TTL
        with self.lock:
            if len(self.seen) > 50_000:
                self.seen.clear()
            self.seen[key] = (now + ttl, lang)
        return lang

    def forget(self) -> None:
        """Ask Slack again next time (tests and the demo change people's locales)."""
        with self.lock:
            self.seen.clear()


LOCALES = UserLocales()


class ChannelLanguages:
    """What each channel reads, remembered a few seconds per database (tests and the demo
    run several databases in one process, each with its own workspaces)."""

    def __init__(self, ttl: float = CHANNEL_TTL, clock: Callable[[], float] = time.monotonic):
        self.ttl, self.clock = ttl, clock
        self.seen: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.lock = threading.Lock()

    def language(self, team_id: str, channel_id: str | None) -> str:
        """The channel's language (None: the workspace default's)."""
        engine, key, now = db.engine(), (team_id, channel_id), self.clock()
        with self.lock:
            hit = self.seen.get(engine, {}).get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        with read_scope() as s:
            lang = channel_language(session=s, team_id=team_id, channel_id=channel_id)
        with self.lock:
            known = self.seen.setdefault(engine, {})
            if len(known) > 50_000:
                known.clear()
            known[key] = (now + self.ttl, lang)
        return lang

    def forget(self, team_id: str) -> None:
        """A workspace's channels are read again (its settings changed, in this process)."""
        with self.lock:
            known = self.seen.get(db.engine(), {})
            for key in [k for k in known if k[0] == team_id]:
                del known[key]


CHANNELS = ChannelLanguages()


def for_channel(team_id: str, channel_id: str | None) -> str:
    """What a channel reads (None: the workspace default)."""
    if not team_id:
        return SOURCE
    return CHANNELS.language(team_id, channel_id)


def for_person(
    client: WebClient | None, team_id: str, user_id: str | None, channel_id: str | None = None
) -> str:
    """What a person alone reads: their Slack language, else the channel's."""
    lang = LOCALES.language(client, team_id, user_id) if client and user_id else None
    return lang or for_channel(team_id, channel_id)


def of_request(req: BoltRequest) -> str:
    """The language a request is answered in."""
    body, ctx = req.body, req.context
    if not isinstance(body, dict) or not ctx.team_id:
        return SOURCE
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    personal = (
        "command" in body
        or body.get("type") in _PERSONAL_PAYLOADS
        or event.get("type") == "app_home_opened"
        or (event.get("type") == "message" and event.get("channel_type") == "im"
            and not event.get("bot_id"))
    )
    if personal:
        return for_person(ctx.client, ctx.team_id, ctx.user_id, ctx.channel_id)
    if event.get("type") == "link_shared":
        return for_channel(ctx.team_id, event.get("channel"))
    if event.get("type") == "function_executed":  # a workflow's step: the workspace's
        return for_channel(ctx.team_id, None)
    return SOURCE  # a channel's messages and the rest: nothing is said back in words


class SpeakTheirLanguage(Middleware):
    """Bolt global middleware: the request's listener speaks its reader's language."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        """Set the language (English when finding it fails: never a reason to refuse)."""
        try:
            lang = of_request(req)
        except Exception:  # the database or Slack misbehaving must not cost the request
            log.exception("could not choose the request's language")
            lang = SOURCE
        speak(lang)
        return next()


def of_row(client: WebClient | None, row: Any) -> str:
    """The language an outbox row is delivered in."""
    if row.kind in PERSONAL_ROWS:
        return for_person(client, row.team_id, row.user_id)
    return for_channel(row.team_id, row.channel_id)


def in_their_language(sender: Callable[[WebClient, Any], Any]) -> Callable[[WebClient, Any], Any]:
    """The outbox sender, speaking the language of the row's reader."""

    def send(client: WebClient, row: Any) -> Any:
        with speaking(of_row(client, row)):
            return sender(client, row)

    send.__name__ = getattr(sender, "__name__", "send")
    send.__doc__ = sender.__doc__
    return send
