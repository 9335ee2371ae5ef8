"""Stand-in: files people share, files.info, and a download URL that needs the bot token.

A person shares a file (the driver's `share_file`): it is kept as an `Upload`, beside the
bot's own uploads (api_files), shared in a conversation, with its `url_private_download`
on the stand-in (/files-pri/<team>-<file id>/download/<name>). files.info reads a file the
bot can see: one it uploaded, or one shared where it is a member. A download needs a bot
token in an `Authorization: Bearer` header, as Slack's does: without one (or with a bad
one) Slack redirects to its sign-in page; with a token lacking files:read it serves that
page itself (HTML, status 200), never the file.
"""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import quote, unquote

from bot.local.standin.errors import ApiError
from bot.local.standin.models import Upload

DOWNLOAD_PATH = "/files-pri/"
TYPES = {  # extension -> (filetype, mimetype, pretty_type), as files.info names them
    "csv": ("csv", "text/csv", "CSV"),
    "txt": ("text", "text/plain", "Plain Text"),
    "pdf": ("pdf", "application/pdf", "PDF"),
    "png": ("png", "image/png", "PNG"),
    "xlsx": ("xlsx", "application/vnd.ms-excel", "Excel Spreadsheet"),
}
BINARY = ("binary", "application/octet-stream", "Binary")
SIGN_IN = b"<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in</body></html>"
Download = tuple[int, dict[str, str], bytes]


def share(s: Any, user: str, channel: str, filename: str, content: bytes) -> dict[str, Any]:
    """Keep a file `user` shared in `channel` (the lock held); its object, as events carry it."""
    file_id = s.new_id("F")
    upload = Upload(file_id, filename, len(content), user, secrets.token_hex(16), content)
    upload.title, upload.completed, upload.channels = filename, True, [channel]
    s.uploads[file_id] = upload
    return file_object(s, upload)


def file_object(s: Any, u: Upload) -> dict[str, Any]:
    """A file as files.info and a file_share event describe it."""
    ext = u.filename.rsplit(".", 1)[-1].lower() if "." in u.filename else ""
    filetype, mimetype, pretty = TYPES.get(ext, BINARY)
    kinds = {c: s.channels.get(c, {}) for c in u.channels}
    where = f"{s.base_url}{DOWNLOAD_PATH}{s.team_id}-{u.file_id}"
    name = quote(u.filename)
    now = int(time.time())
    return {
        "id": u.file_id,
        "created": now,
        "timestamp": now,
        "name": u.filename,
        "title": u.title or u.filename,
        "mimetype": mimetype,
        "filetype": filetype,
        "pretty_type": pretty,
        "user": u.user,
        "user_team": s.team_id,
        "editable": False,
        "size": len(u.content) if u.content is not None else u.length,
        "mode": "hosted",
        "is_external": False,
        "external_type": "",
        "is_public": any(not c.get("is_private", True) for c in kinds.values()),
        "public_url_shared": False,
        "display_as_bot": False,
        "username": "",
        "url_private": f"{where}/{name}",
        "url_private_download": f"{where}/download/{name}",
        "permalink": f"{s.base_url}/files/{u.user}/{u.file_id}/{name}",
        "channels": [c for c, k in kinds.items() if k and not k.get("is_private")],
        "groups": [c for c, k in kinds.items() if k.get("is_private") and not k.get("is_im")],
        "ims": [c for c, k in kinds.items() if k.get("is_im")],
        "has_rich_preview": False,
        "file_access": "visible",
    }


def visible(s: Any, u: Upload) -> bool:
    """The bot uploaded it, or it is shared in a conversation the bot is a member of."""
    if u.user == s.bot_user_id:
        return True
    return any(s.bot_user_id in s.channels.get(c, {}).get("members", []) for c in u.channels)


def files_info(s: Any, args: dict[str, Any]) -> dict[str, Any]:
    """files.info: a file the bot can see (file_not_found otherwise, as Slack answers)."""
    u = s.uploads.get(str(args["file"]))
    if u is None or not u.completed or not visible(s, u):
        raise ApiError("file_not_found")
    obj = file_object(s, u)
    return {"ok": True, "file": obj, "comments": [], "response_metadata": {"next_cursor": ""}}


def find(s: Any, path: str) -> Upload | None:
    """The file a /files-pri/<team>-<id>/[download/]<name> path names in this workspace."""
    parts = unquote(path[len(DOWNLOAD_PATH) :]).split("/")
    team, _, file_id = parts[0].partition("-")
    if team != s.team_id or len(parts) not in (2, 3):
        return None
    u = s.uploads.get(file_id)
    return u if u is not None and u.completed and parts[-1] == u.filename else None


def sign_in_redirect(s: Any, path: str) -> Download:
    """What Slack answers a download without a valid token: off to the sign-in page."""
    return 302, {"Location": f"{s.base_url}/signin?redir={quote(path)}"}, SIGN_IN


def download(s: Any, u: Upload) -> Download:
    """A download with the workspace's bot token: the bytes, or the sign-in page without
    files:read or when the bot cannot see the file."""
    if "files:read" not in s.scopes or not visible(s, u):
        return 200, {"Content-Type": "text/html; charset=utf-8"}, SIGN_IN
    ext = u.filename.rsplit(".", 1)[-1].lower() if "." in u.filename else ""
    return 200, {"Content-Type": TYPES.get(ext, BINARY)[1]}, u.content or b""


HANDLERS = {"files.info": files_info}
