"""The message a shortcut was used on: read from the payload, checked, its author and link.

What is refused (nothing is written; the user is told why by an ephemeral message):
- a message from a bot or an app (`bot_id`, subtype `bot_message`, or an author Slack
  says is a bot);
- a message from another organization in a shared channel: the message's `user_team`
  (else `source_team`, else `team`) differs from the workspace the payload is for, or
  Slack says its author belongs to another team (or does not know them);
- a deleted message: subtype `tombstone`/`message_deleted`, or `chat.getPermalink`
  answers `message_not_found`.

"Not a teammate": the author is a guest of this workspace (Slack's `is_restricted` or
`is_ultra_restricted`, asked with `users.info`): a prospect invited into a channel. Their
name and email come with the form, and the lead keeps them as its source contact. A full
member of the workspace is a teammate: a colleague passing a lead on is not its contact.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import _
from handlers.kit.context import quick
from handlers.kit.inbound import SLACK_ID, clean
from handlers.kit.mrkdwn import plain_text
from handlers.shortcuts import words

_TS = re.compile(r"\d{1,12}\.\d{1,9}")
_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_LINK = re.compile(r"https://[^\s<>|]{1,480}")
_PINGS = re.compile(r"<[@!][^<>]*>")  # mentions and broadcasts: not part of a lead's name
_MARKERS = re.compile(r"(?<![\w*_~`])[*_~`]+|[*_~`]+(?![\w*_~`])")


class Refused(Exception):
    """The shortcut cannot be used on this message; `text` says why (mrkdwn)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class Said:
    """A message as the shortcut payload gives it."""

    channel: str
    channel_name: str
    ts: str
    thread: str  # the thread it is in: its parent's ts, or its own
    user: str
    text: str  # Slack mrkdwn, as sent

    @property
    def at(self) -> datetime:
        """When it was posted."""
        return datetime.fromtimestamp(float(self.ts), UTC)


@dataclass(frozen=True)
class Author:
    """Who wrote the message; name and email are kept only for a guest (not a teammate)."""

    user: str
    name: str
    guest: bool = False
    email: str | None = None


def refuse(kind: str, template: str) -> Refused:
    """The refusal of a shortcut of `kind` ("lead" or "note")."""
    return Refused(
        _(template).format(nothing=_(words.NOTHING[kind]), instead=words.INSTEAD[kind])
    )


def read(body: dict, team_id: str, kind: str) -> Said:
    """The message of a message shortcut, or Refused (from a bot, another org, deleted)."""
    message = body.get("message") if isinstance(body.get("message"), dict) else {}
    channel = body.get("channel") if isinstance(body.get("channel"), dict) else {}
    ts = str(message.get("ts") or body.get("message_ts") or "")
    if message.get("subtype") in ("tombstone", "message_deleted") or not _TS.fullmatch(ts):
        raise refuse(kind, words.DELETED)
    if message.get("bot_id") or message.get("subtype") == "bot_message":
        raise refuse(kind, words.FROM_BOT)
    teams = [message.get(k) for k in ("user_team", "source_team", "team")]
    home = next((t for t in teams if isinstance(t, str) and t), team_id)
    if home != team_id:
        raise refuse(kind, words.OTHER_WORKSPACE)
    user, cid = message.get("user"), channel.get("id")
    if not (isinstance(user, str) and SLACK_ID.fullmatch(user)):
        raise refuse(kind, words.FROM_BOT)  # no person wrote it
    if not (isinstance(cid, str) and SLACK_ID.fullmatch(cid)):
        raise refuse(kind, words.DELETED)
    thread = str(message.get("thread_ts") or ts)
    return Said(
        channel=cid,
        channel_name=clean(channel.get("name"), lines=False)[:80],
        ts=ts,
        thread=thread if _TS.fullmatch(thread) else ts,
        user=user,
        text=clean(message.get("text")),
    )


def author(client: WebClient, said: Said, team_id: str, kind: str) -> Author:
    """Who wrote it, as Slack knows them; Refused for a bot or someone of another team."""
    try:
        user = quick(client).users_info(user=said.user)["user"]
    except SlackApiError as e:
        if e.response.get("error") == "user_not_found":  # not a person of this workspace
            raise refuse(kind, words.OTHER_WORKSPACE) from e
        return Author(said.user, said.user)  # cannot tell: a teammate, no contact kept
    if user.get("is_bot"):
        raise refuse(kind, words.FROM_BOT)
    if user.get("team_id") not in (None, "", team_id):
        raise refuse(kind, words.OTHER_WORKSPACE)
    profile = user.get("profile") or {}
    name = clean(
        profile.get("real_name") or user.get("real_name") or user.get("name") or said.user,
        lines=False,
    )[:200]
    guest = bool(user.get("is_restricted") or user.get("is_ultra_restricted"))
    email = clean(profile.get("email"), lines=False)[:254] or None
    return Author(said.user, name, guest, email if guest else None)


def permalink(client: WebClient, body: dict, said: Said, kind: str) -> str:
    """The message's permalink from Slack (Refused when Slack says it was deleted), else
    built from the payload: https://<domain>.slack.com/archives/<channel>/p<ts digits>."""
    try:
        got = quick(client).chat_getPermalink(channel=said.channel, message_ts=said.ts)
        link = got.get("permalink")
        if isinstance(link, str) and _LINK.fullmatch(link):
            return link
    except SlackApiError as e:
        if e.response.get("error") == "message_not_found":
            raise refuse(kind, words.DELETED) from e
    except Exception:  # slow or unreachable: the link is built from what the payload says
        pass
    team = body.get("team") if isinstance(body.get("team"), dict) else {}
    domain = str(team.get("domain") or "")
    host = f"{domain}.slack.com" if _DOMAIN.fullmatch(domain) else "slack.com"
    link = f"https://{host}/archives/{said.channel}/p{said.ts.replace('.', '')}"
    if said.thread != said.ts:
        link += f"?thread_ts={said.thread}&cid={said.channel}"
    return link


def name_line(text: str) -> str:
    """A message's text as plain words for a lead's name: mentions and broadcasts dropped,
    links by their label, bold/italic/strike/code markers removed."""
    return _MARKERS.sub("", plain_text(_PINGS.sub("", text)))


def quoted(text: str, names: dict[str, str]) -> str:
    """A message's text as plain words for a note: mentions as @names, links with their
    address (the note is escaped when shown, so nothing in it can ping)."""
    return plain_text(text, names).strip()


def mentioned_people(text: str, *, skip: set[Any]) -> list[str]:
    """The people `<@U…>` the message mentions, in order, once each, but those in `skip`."""
    found = re.findall(r"<@([UW][A-Z0-9]{1,31})(?:\|[^<>]*)?>", text)
    return [u for u in dict.fromkeys(found) if u not in skip][:20]
