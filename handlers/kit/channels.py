"""Can dealbot post where a command was typed? Asked before a command creates something
that dealbot must then post in that conversation (a deal's card, a digest).

dealbot posts only where it is a member (it asks for no `chat:write.public`): it must
be in a channel to hear the replies in its cards' threads. So a public channel it is not
in is joined here, before the first card or digest; a private channel, a DM or a group DM
it is not part of is refused: Slack hides those, and `conversations.info` answers
`channel_not_found`. The question costs one call (two when joining), made only where
dealbot has not posted a card yet; a failure to ask (Slack slow, a scope an old
installation lacks) lets the command go on, and the sender reports what Slack says.
"""

import logging

from slack_sdk.errors import SlackApiError

from bot.deals import reads
from bot.i18n import N_, _
from handlers.kit.context import Ctx, quick
from storage.db import engine, read_scope

log = logging.getLogger("dealbot")

PRIVATE = N_(
    "I'm not in this private channel, so I can't post here and {nothing}. "
    "Invite me with `/invite @dealbot`, then run the command again."
)
DIRECT = N_(
    "I'm not part of this DM, so I can't post here and {nothing}. "
    "Run the command in a channel, or in your DM with me (dealbot, under Apps)."
)
GROUP = N_(
    "I'm not part of this group DM, so I can't post here and {nothing}. "
    "Run the command in a channel, or in your DM with me (dealbot, under Apps)."
)


def not_here(ctx: Ctx, *, nothing: str) -> str | None:
    """Why dealbot cannot post where the command was typed, or None when it can (or cannot
    tell); a public channel it is not in is joined. `nothing` says what was not done, e.g.
    "nothing was created"."""
    channel = ctx.channel_id
    if not channel or posted_before(ctx.team_id, channel):
        return None
    client = quick(ctx.client)
    try:
        found = client.conversations_info(channel=channel)["channel"]
        public = found.get("is_channel") and not found.get("is_private")
        if public and not found.get("is_member"):
            client.conversations_join(channel=channel)
    except SlackApiError as e:
        error = e.response.get("error")
        if error == "channel_not_found":
            return refusal(channel, ctx.channel_name).format(nothing=nothing)
        log.info("could not check channel %s: %s", channel, error)
    except Exception as exc:  # slow or unreachable: go on; posting reports what happens
        log.info("could not check channel %s: %s", channel, type(exc).__name__)
    return None


def refusal(channel: str, name: str | None) -> str:
    """The words for a conversation dealbot is not part of, by its kind (the command
    payload names a DM `directmessage` and a group DM `mpdm-…`), with `{nothing}` to fill."""
    if name == "directmessage" or channel.startswith("D"):
        return _(DIRECT)
    return _(GROUP if (name or "").startswith("mpdm-") else PRIVATE)


_POSTED: set[tuple[str, str, str]] = set()  # (database, team, channel) with a card


def posted_before(team_id: str, channel: str) -> bool:
    """Whether dealbot has posted a card in the channel (it could, so it need not ask).
    Once true it stays true (deals are never deleted), so the answer is kept in memory."""
    key = (str(engine().url), team_id, channel)
    if key in _POSTED:
        return True
    with read_scope() as s:
        posted = reads.posted_in(session=s, team_id=team_id, channel_id=channel)
    if posted:
        _POSTED.add(key)
    return posted
