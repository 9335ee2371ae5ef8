"""Stand-in Web API methods for files: Slack's external upload, as files_upload_v2 makes it.

1. files.getUploadURLExternal(filename, length) gives a file id and an upload URL;
2. the file's bytes are POSTed to that URL (served here at /upload/v1/<key>, no token);
3. files.completeUploadExternal(files=[{id, title}], channel_id=…) shares it, with an
   optional initial_comment, as a message in that conversation.

Each upload is kept (`uploads`, by file id) so tests can read what was sent.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.errors import ApiError
from bot.local.standin.models import Message, Upload

MAX_ALT_TEXT = 1000  # files.getUploadURLExternal: alt_txt_too_large beyond it


def get_upload_url(s: Any, args: dict[str, Any]) -> dict[str, Any]:
    """files.getUploadURLExternal: a file id and the URL to POST its bytes to."""
    length = _length(args["length"])
    if len(str(args.get("alt_txt") or "")) > MAX_ALT_TEXT:
        raise ApiError("alt_txt_too_large")
    file_id = s.new_id("F")
    key = secrets.token_hex(16)
    s.uploads[file_id] = Upload(file_id, str(args["filename"]), length, s.bot_user_id, key)
    return {"ok": True, "upload_url": f"{s.base_url}/upload/v1/{key}", "file_id": file_id}


def receive(s: Any, key: str, raw: bytes) -> tuple[int, str] | None:
    """The POST of a file's bytes to its upload URL: (status, body), or None when the key
    is not one of this workspace's."""
    upload = next((u for u in s.uploads.values() if u.key == key), None)
    if upload is None:
        return None
    if upload.content is not None or upload.completed:
        s.contract_failures.append(f"upload {upload.file_id}: its URL was used twice")
        return 400, "upload URL already used"
    if len(raw) != upload.length:
        s.contract_failures.append(
            f"upload {upload.file_id}: {len(raw)} bytes sent, {upload.length} declared as length"
        )
        return 400, "length mismatch"
    upload.content = raw
    return 200, f"OK - {len(raw)}"


def complete_upload(s: Any, args: dict[str, Any]) -> dict[str, Any]:
    """files.completeUploadExternal: finish the uploads and share them where asked."""
    items = _items(args["files"])
    uploads = []
    for item in items:
        upload = s.uploads.get(str(item["id"]))
        if upload is None or upload.content is None or upload.completed:
            raise ApiError("file_not_found", [f"no finished upload for file {item['id']}"])
        uploads.append((upload, item))
    targets = _targets(args)
    channels = [s.postable_channel(c) for c in targets]  # channel_not_found, not_in_channel
    comment = args.get("initial_comment")
    if isinstance(comment, str) and len(comment) > m.MAX_TEXT:
        raise ApiError("msg_too_long", [f"initial_comment over {m.MAX_TEXT} characters"])
    thread_ts = args.get("thread_ts")
    if thread_ts and len(channels) != 1:
        raise ApiError("invalid_arguments", ["thread_ts needs exactly one channel"])
    for upload, item in uploads:
        upload.completed, upload.title = True, item.get("title") or upload.filename
        upload.channels, upload.initial_comment = channels, comment
        upload.thread_ts = str(thread_ts) if thread_ts else None
    shared = [_file_object(u) for u, _ in uploads]
    for cid in channels:
        msg = Message(s.next_ts(), cid, s.bot_user_id, comment or "", [], files=shared)
        msg.thread_ts = str(thread_ts) if thread_ts else None
        s.add_message(msg)
    return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in shared]}


def _length(value: Any) -> int:
    try:
        length = int(str(value))
    except ValueError:
        raise ApiError(
            "invalid_arguments", [f"length must be an integer, got {value!r:.40}"]
        ) from None
    if length < 1:
        raise ApiError("missing_argument", ["length must be at least 1"])
    return length


def _items(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise ApiError("invalid_arguments", [f"files: not valid JSON: {exc}"]) from None
    if not isinstance(raw, list) or not raw:
        raise ApiError("invalid_arguments", ["files must be a non-empty array"])
    if not all(isinstance(i, dict) and i.get("id") for i in raw):
        raise ApiError("invalid_arguments", ["every item of files needs an id"])
    return raw


def _targets(args: dict[str, Any]) -> list[str]:
    if args.get("channel_id"):
        return [str(args["channel_id"])]
    raw = args.get("channels") or ""
    return [c.strip() for c in str(raw).split(",") if c.strip()]


def _file_object(u: Upload) -> dict[str, Any]:
    return {"id": u.file_id, "name": u.filename, "title": u.title, "size": u.length}


HANDLERS: dict[str, Callable[[Any, dict[str, Any]], dict[str, Any]]] = {
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
}
