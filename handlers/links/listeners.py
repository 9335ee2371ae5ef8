"""link_shared: a deal link pasted in Slack unfurls as a compact card (chat.unfurl).

Only links to this workspace's deals unfurl. A link to another workspace's deal, to a
number no deal has, or one that is not a deal link at all gets no unfurl and nothing is
said in the channel: the reason is logged at info. The unfurl is sent at once from the
listener, not through the outbox: Slack accepts it only soon after the event (a composer
preview's unfurl_id expires), sending it again merely replaces it, and nothing is stored.
"""

import logging

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.common.errors import DomainError
from bot.deals import service as deals
from bot.runtime import links
from handlers.kit.ids import Action
from handlers.kit.inbound import team_of
from handlers.links.blocks import unfurl_blocks
from handlers.links.clicks import from_unfurl, on_show
from storage.db import read_scope

log = logging.getLogger("dealbot.links")
MOST = 10  # links unfurled from one message


def shared_urls(event: dict) -> list[str]:
    """The distinct URLs of a link_shared event, in order (anything else is skipped)."""
    found = event.get("links")
    urls = [x.get("url") for x in found if isinstance(x, dict)] if isinstance(found, list) else []
    return list(dict.fromkeys(u for u in urls if isinstance(u, str) and u))[:MOST]


def target(event: dict) -> dict | None:
    """What chat.unfurl is told to unfurl: a posted message (channel and ts), or a link
    still in someone's message composer (unfurl_id and source)."""
    source, unfurl_id = event.get("source"), event.get("unfurl_id")
    channel, ts = event.get("channel"), event.get("message_ts")
    if source == "composer" and isinstance(unfurl_id, str) and unfurl_id:
        return {"unfurl_id": unfurl_id, "source": source}
    if isinstance(channel, str) and channel and isinstance(ts, str) and ts:
        return {"channel": channel, "ts": ts}
    if source == "conversations_history" and isinstance(unfurl_id, str) and unfurl_id:
        return {"unfurl_id": unfurl_id, "source": source}
    return None


def compact(team_id: str, url: str) -> list[dict] | None:
    """The unfurl of one link, if it names a deal of this workspace."""
    found = links.parse_link(url)
    if found is None:
        log.info("link_shared: not a deal link of this dealbot; not unfurled")
        return None
    team, number = found
    if team != team_id:
        log.info("link_shared: a link to deal #%s of another workspace; not unfurled", number)
        return None
    try:
        with read_scope() as s:
            deal = deals.get(session=s, team_id=team_id, ref=str(number))
            return unfurl_blocks(deals.view(session=s, deal=deal))
    except DomainError:
        log.info("link_shared: no deal #%s in this workspace; not unfurled", number)
        return None


def on_link_shared(event: dict, client: WebClient, context: BoltContext) -> None:
    """Unfurl each link to one of this workspace's deals; leave every other link alone."""
    team_id = team_of(context)
    unfurls = {}
    for url in shared_urls(event):
        blocks = compact(team_id, url)
        if blocks is not None:
            unfurls[url] = {"blocks": blocks}
    where = target(event)
    if not unfurls or where is None:
        return
    try:
        client.chat_unfurl(unfurls=unfurls, **where)
    except SlackApiError as e:  # too late, or the message is gone: the link stays plain
        error = e.response.get("error", "") if e.response is not None else ""
        log.info("link_shared: Slack refused the unfurl: %s", error)


def register(app: App) -> None:
    """Register the link_shared event and the unfurl's Show button (Advance is the card's)."""
    app.event("link_shared")(on_link_shared)
    app.action(Action.show, matchers=[from_unfurl])(on_show)
