"""Posting digests: scheduled runs (claimed once, posted by the outbox), `/deal digest now`."""

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digests import subscriptions as digests
from bot.digests.digest import Digest
from bot.i18n import _, speaking
from bot.runtime.sending import Sent
from handlers.digests.blocks import digest_blocks, digest_text
from handlers.kit import text as fmt
from handlers.kit.delivery import post_once
from handlers.kit.mrkdwn import plain_text
from handlers.languages.choosing import for_channel
from storage.db import session_scope
from storage.models import Outbox
from storage.types import utcnow

log = logging.getLogger("dealbot")

# Errors that say the channel itself cannot take the digest: pause it and tell its owner.
CHANNEL_GONE = {
    "channel_not_found",
    "is_archived",
    "not_in_channel",
    "restricted_action",
    "method_not_supported_for_channel_type",
    "missing_scope",
    "account_inactive",
}


class ChannelPacer:
    """About one post per second per channel, as Slack asks."""

    def __init__(
        self,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sleep, self.clock = sleep, clock
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, channel: str) -> None:
        """Sleep until a second has passed since the last post in the channel."""
        with self.lock:
            gap = 1.0 - (self.clock() - self.last.get(channel, -1e9))
            if gap > 0:
                self.sleep(gap)
            self.last[channel] = self.clock()


PACER = ChannelPacer()


def channel_digest(team_id: str, channel: str) -> Digest:
    """The channel's digest as of now (its filters apply; its schedule is untouched)."""
    with session_scope() as s:
        return digests.channel_digest(session=s, team_id=team_id, channel=channel, now=utcnow())


def post_now(client: WebClient, team_id: str, channel: str) -> str:
    """Post the channel's digest now: `/deal digest now` and `dealbot digest`; its ts."""
    with speaking(for_channel(team_id, channel)):  # the channel's, not the asker's
        return post(client, channel, channel_digest(team_id, channel))


def text_now(team_id: str, channel: str) -> str | None:
    """The channel's digest now as plain text (`dealbot digest --print`); None when the
    channel has no digest set up in the workspace."""
    with session_scope() as s:
        if digests.for_channel(session=s, team_id=team_id, channel=channel) is None:
            return None
    with speaking(for_channel(team_id, channel)):
        return plain_text(digest_text(channel_digest(team_id, channel)))


def notification(text: str, limit: int = 3000) -> str:
    """The message's plain text, cut at a line break so no <@U…> or <!date…> is split."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)  # -1 when the first line alone is too long
    return (text[:cut].rstrip() if cut > 0 else "") or text.split("\n", 1)[0][:limit]


def post(
    client: WebClient,
    channel: str,
    d: Digest,
    late_note: str | None = None,
    row: Outbox | None = None,
) -> str:
    """Post a digest in the channel, paced (tagged with its outbox row, if any); its ts."""
    PACER.wait(channel)
    message = {
        "text": notification(digest_text(d)),
        "blocks": digest_blocks(d, late_note=late_note),
    }
    if row is not None:
        return post_once(client, row, channel=channel, **message)["ts"]
    return client.chat_postMessage(channel=channel, **message)["ts"]


def run_due(now: datetime) -> int:
    """Claim every digest due now; each claim's outbox row posts it (see send_digest)."""
    with session_scope() as s:
        return len(digests.claim_due(session=s, now=now))


def send_digest(client: WebClient, row: Outbox) -> Sent:
    """Post one claimed run; record it, or pause the subscription and tell who set it up."""
    now = utcnow()
    facts = json.loads(row.payload or "{}")
    with session_scope() as s:
        sub = digests.claimed_run(session=s, team_id=row.team_id, run_id=row.ref_id)
        if sub is None:
            return Sent()
        d = digests.digest_for(session=s, team_id=sub.team_id, sub=sub, now=now)
    note = None
    if facts.get("late"):
        due_at = datetime.fromisoformat(facts["due_at"])
        note = _(
            "Late: this is the digest of {when}, posted after a pause in service."
        ).format(when=fmt.when(due_at))
    try:
        ts = post(client, sub.channel_id, d, note, row)
    except SlackApiError as e:
        error = e.response.get("error", "unknown_error")
        gone = error in CHANNEL_GONE
        with session_scope() as s:
            digests.failed(session=s, run_id=row.ref_id, error=error, pause=gone)
        if not gone:
            raise
        log.warning("paused the digest of %s: %s", sub.channel_id, error)
        client.chat_postMessage(
            channel=sub.created_by,
            text=_(
                "I paused the digest for {channel}: Slack said `{error}`. Invite me "
                "back (or pick another channel) and run "
                "`/deal digest {schedule}` there to start it again."
            ).format(
                channel=f"<#{sub.channel_id}>", error=error, schedule=digests.describe(sub)
            ),
        )
        return Sent()

    def record(s) -> None:
        digests.posted(
            session=s, run_id=row.ref_id, ts=ts, late=bool(facts.get("late")), snapshot=d.snapshot()
        )

    return Sent(ts=ts, record=record)
