"""Posting digests: scheduled runs (claimed once), `/deal digest now`, and failures."""

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digests import subscriptions as digests
from bot.digests.build import build_digest
from handlers.digests.blocks import digest_blocks, digest_text
from handlers.kit import text as fmt
from storage.db import session_scope
from storage.models import DigestSubscription

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


def build(team_id: str, sub: DigestSubscription | None, now: datetime):
    """The digest a subscription (or a bare channel) gets now."""
    with session_scope() as s:
        since, previous = digests.since_and_previous(s, sub, now)
        return build_digest(
            session=s,
            team_id=team_id,
            now=now,
            since=since,
            filters=digests.filters_of(sub),
            previous=previous,
            tz=sub.tz if sub is not None else "UTC",
        )


def notification(text: str, limit: int = 3000) -> str:
    """The message's plain text, cut at a line break so no <@U…> or <!date…> is split."""
    if len(text) <= limit:
        return text
    return text[: text.rfind("\n", 0, limit)].rstrip() or text.split("\n", 1)[0][:limit]


def post(client: WebClient, channel: str, d, late_note: str | None = None) -> str:
    """Post a digest in the channel, paced; its ts."""
    PACER.wait(channel)
    resp = client.chat_postMessage(
        channel=channel,
        text=notification(digest_text(d)),
        blocks=digest_blocks(d, late_note=late_note),
    )
    return resp["ts"]


def run_due(client: WebClient, now: datetime) -> int:
    """Claim and post every digest due now; one channel's failure does not stop the others."""
    with session_scope() as s:
        claims = digests.claim_due(session=s, now=now)
    for claim in claims:
        try:
            post_claim(client, claim, now)
        except Exception:  # logged with its traceback; the next subscription still runs
            log.exception("digest run %s failed", claim.run_id)
    return len(claims)


def post_claim(client: WebClient, claim: digests.Claim, now: datetime) -> None:
    """Post one claimed run; record it, or pause the subscription and tell who set it up."""
    sub = claim.subscription
    late = claim.due.late(now)
    note = (
        (f"Late: this is the digest of {fmt.when(claim.due.at)}, posted after a pause in service.")
        if late
        else None
    )
    d = build(sub.team_id, sub, now)
    try:
        ts = post(client, sub.channel_id, d, note)
    except SlackApiError as e:
        error = e.response.get("error", "unknown_error")
        gone = error in CHANNEL_GONE
        with session_scope() as s:
            digests.failed(session=s, run_id=claim.run_id, error=error, pause=gone)
        if not gone:
            raise
        log.warning("paused the digest of %s: %s", sub.channel_id, error)
        client.chat_postMessage(
            channel=sub.created_by,
            text=f"I paused the digest for <#{sub.channel_id}>: Slack said `{error}`. Invite me "
            "back (or pick another channel) and run "
            f"`/deal digest {digests.describe(sub)}` there to start it again.",
        )
        return
    with session_scope() as s:
        digests.posted(session=s, run_id=claim.run_id, ts=ts, late=late, snapshot=d.snapshot())


def tick(client: WebClient, now: datetime) -> None:
    """One scheduler tick: due digests, then due nudges."""
    from handlers.nudges import dms as nudges

    run_due(client, now)
    nudges.run_due(client, now)
