"""Turn Slack mrkdwn into plain terminal text (mentions, links, entities)."""

from __future__ import annotations

import re
import textwrap
from typing import Any

_ANGLE = re.compile(r"<([^<>]+)>")


def _angle(match: re.Match[str], users: dict[str, dict[str, Any]] | None) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        uid = target[1:]
        name = (users or {}).get(uid, {}).get("name") or label or uid
        return "@" + name
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        if target.startswith("!date^") or target.startswith("!subteam^"):
            return label or target
        return "@" + target[1:]
    return label or target


def clean(text: str, users: dict[str, dict[str, Any]] | None = None) -> str:
    """Plain text from mrkdwn: <@U0BOB> -> @bob, <url|label> -> label, &lt; -> <; *bold* kept."""
    out = _ANGLE.sub(lambda m: _angle(m, users), text or "")
    return out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def text_of(obj: Any, users: dict[str, dict[str, Any]] | None = None) -> str:
    """The readable text of a text object (plain_text or mrkdwn) or a string."""
    if isinstance(obj, str):
        return clean(obj, users)
    if not isinstance(obj, dict):
        return ""
    raw = obj.get("text", "")
    return clean(raw, users) if obj.get("type") == "mrkdwn" else raw


def wrap(text: str, width: int = 80, indent: str = "") -> list[str]:
    """Wrap each line of `text` to `width`, keeping blank lines and list markers."""
    lines: list[str] = []
    for para in text.split("\n"):
        if not para.strip():
            lines.append(indent.rstrip())
            continue
        lead = len(para) - len(para.lstrip())
        sub = indent + para[:lead] + ("  " if para.lstrip()[:2] in ("• ", "- ") else "")
        lines += textwrap.wrap(
            para,
            width,
            initial_indent=indent,
            subsequent_indent=sub,
            break_long_words=True,
            break_on_hyphens=False,
        ) or [indent]
    return lines
