"""User text in and out of Slack's mrkdwn: the one escape, and its undoing for what we store."""

import re

_FORMATTING = re.compile(r"([*_~`])")
ZWSP = "\u200b"


def escape(text: str) -> str:
    """User text made literal in mrkdwn: & < > as entities, no pings, no stray formatting.

    Slack only defines escapes for &, < and >. A zero-width space before each of
    * _ ~ ` keeps Slack from reading them as bold, italic, strike or code markers
    while the text looks the same.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _FORMATTING.sub(ZWSP + r"\1", text)


def unescape(text: str) -> str:
    """Slack's escaping of & < > undone, for text we store (we escape again on the way out)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_ANGLE = re.compile(r"<([^<>]*)>")


def _plain_angle(match: re.Match[str], names: dict[str, str]) -> str:
    target, _, label = match.group(1).partition("|")
    if target.startswith("@"):
        return "@" + (names.get(target[1:]) or label or target[1:])
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!date^") or target.startswith("!subteam^"):
        return label or target
    if target.startswith("!"):
        return "@" + target[1:]
    return f"{label} ({target})" if label and label != target else target


def plain_text(text: str, names: dict[str, str] | None = None) -> str:
    """Slack mrkdwn as plain text (a terminal, a form's field error): `<@U0BOB>` -> `@bob`
    (its display name from `names`, else its id), a date -> its fallback, `<url|label>` ->
    `label (url)`, entities undone, the zero-width spaces of escape() dropped."""
    out = _ANGLE.sub(lambda m: _plain_angle(m, names or {}), text)
    return unescape(out).replace(ZWSP, "")


def mentioned(text: str) -> list[str]:
    """The user ids `<@U…>` mentions in mrkdwn, in order, once each."""
    return list(dict.fromkeys(re.findall(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>", text)))


# What a teammate's reply may keep of Slack's markup: people, channels and links.
# Broadcasts (<!channel>, <!here>, <!subteam^…>) and everything else stay literal.
_KEPT = re.compile(
    r"<(?P<who>[@#][UWC][A-Z0-9]+)(?:\|[^<>]*)?>"
    r"|<(?P<url>(?:https?://|mailto:)[^<>|\s]+)(?:\|(?P<label>[^<>]*))?>"
)


def with_links(text: str) -> str:
    """Stored text (as typed: `Ask <@U0BOB> about <https://x.io|the doc>`) as mrkdwn that
    shows the mention and the link, everything else escaped (so no broadcast can ping)."""
    out, at = [], 0
    for m in _KEPT.finditer(text):
        out.append(escape(text[at : m.start()]))
        if m.group("who"):
            out.append(f"<{m.group('who')}>")
        else:
            url = m.group("url").replace("&", "&amp;")
            label = m.group("label")
            out.append(f"<{url}|{escape(label)}>" if label else f"<{url}>")
        at = m.end()
    out.append(escape(text[at:]))
    return "".join(out)
