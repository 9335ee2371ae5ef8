"""Records the stand-in keeps: messages, calls, the app's replies, the default directory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Message:
    """Something a user sees: a message, an ephemeral, a modal or a Home tab.

    `kind` is "message", "ephemeral", "view" or "home"; `source` says how it arrived
    ("api", "response_url" or "ack"). For views, `channel` is "" and `view` holds the view.
    `metadata` is the Slack message metadata it was posted with; `broadcast` marks a thread
    reply also shown in the channel (reply_broadcast).
    """

    ts: str
    channel: str
    user: str
    text: str = ""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    ephemeral_to: str | None = None
    kind: str = "message"
    source: str = "api"
    replace_original: bool = False
    reply_count: int = 0
    edited: bool = False
    deleted: bool = False
    view: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    broadcast: bool = False
    files: list[dict[str, Any]] | None = None  # files shared with it (files.completeUpload…)

    def to_slack(self, *, metadata: bool = True) -> dict[str, Any]:
        """The message as Slack returns it (with its metadata unless `metadata` is false)."""
        out: dict[str, Any] = {
            "type": "message",
            "user": self.user,
            "ts": self.ts,
            "text": self.text,
            "team": "",
        }
        if self.blocks:
            out["blocks"] = self.blocks
        if self.thread_ts:
            out["thread_ts"] = self.thread_ts
        if self.reply_count:
            out["reply_count"] = self.reply_count
        if self.broadcast:
            out["subtype"] = "thread_broadcast"
        if metadata and self.metadata:
            out["metadata"] = self.metadata
        if self.files:
            out["files"] = self.files
        return out


@dataclass
class Call:
    """One Web API call the app made, with the outcome the stand-in gave."""

    method: str
    args: dict[str, Any]
    ok: bool
    error: str | None = None
    dropped: bool = False  # applied, but the stand-in closed the connection without a reply


@dataclass
class Upload:
    """A file uploaded the way files_upload_v2 does it: its ticket (files.getUploadURLExternal),
    its bytes (POSTed to the upload URL), then where it was shared (files.completeUploadExternal).
    """

    file_id: str
    filename: str
    length: int  # as declared when the URL was asked for
    user: str  # the bot user whose token asked
    key: str  # the secret part of the upload URL
    content: bytes | None = None
    title: str | None = None
    completed: bool = False
    channels: list[str] = field(default_factory=list)
    initial_comment: str | None = None
    thread_ts: str | None = None

    @property
    def text(self) -> str:
        """The uploaded bytes as UTF-8 text ("" before the upload)."""
        return (self.content or b"").decode("utf-8")


@dataclass
class Reply:
    """The app's HTTP answer, and what it showed the user (ack message, view errors).

    Status 0 means nothing was sent: Slack would not have delivered that event to the app.
    """

    status: int
    body: str
    json: dict[str, Any] | None
    message: Message | None = None
    errors: dict[str, str] | None = None


def default_users(team_id: str, bot_user_id: str) -> dict[str, dict[str, Any]]:
    """A small team in different time zones and the bot user: ann is a workspace admin
    (Slack's is_admin), bob and cat are sellers."""
    people = [
        ("U0ANN", "ann", "Ann Andersson", "Europe/Helsinki"),
        ("U0BOB", "bob", "Bob Brown", "America/New_York"),
        ("U0CAT", "cat", "Cat Chen", "Asia/Singapore"),
    ]
    users = {
        uid: {"id": uid, "name": name, "real_name": real, "tz": tz, "is_bot": False}
        for uid, name, real, tz in people
    }
    users[bot_user_id] = {
        "id": bot_user_id,
        "name": "dealbot",
        "real_name": "dealbot",
        "tz": "UTC",
        "is_bot": True,
    }
    users["U0ANN"]["is_admin"] = True
    for user in users.values():
        user.setdefault("team_id", team_id)
    return users


def default_channels(bot_user_id: str) -> dict[str, dict[str, Any]]:
    """#sales (bot is a member), #random (joinable) and a private group the bot is not in."""
    humans = ["U0ANN", "U0BOB", "U0CAT"]
    return {
        "C0SALES": {"name": "sales", "is_private": False, "members": [*humans, bot_user_id]},
        "C0RANDOM": {"name": "random", "is_private": False, "members": list(humans)},
        "G0PRIV": {"name": "leadership", "is_private": True, "members": ["U0ANN"]},
    }
