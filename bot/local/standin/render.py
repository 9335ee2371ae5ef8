"""Block Kit as readable terminal text, for `dealbot demo` and the interactive console."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.local.standin.elements import all_options, block_id_of, initial_value, iter_elements
from bot.local.standin.models import Message
from bot.local.standin.mrkdwn import text_of, wrap

Users = dict[str, dict[str, Any]] | None
KINDS = {
    "plain_text_input": "text",
    "number_input": "number",
    "email_text_input": "email",
    "url_text_input": "URL",
    "static_select": "choose one",
    "external_select": "choose one",
    "radio_buttons": "choose one",
    "multi_static_select": "choose any",
    "checkboxes": "tick any",
    "datepicker": "date YYYY-MM-DD",
    "timepicker": "time HH:MM",
    "users_select": "a person",
    "multi_users_select": "people",
    "conversations_select": "a channel",
    "channels_select": "a channel",
}


@dataclass
class Element:
    """A numbered interactive element: a button/select to click, or a modal field to fill."""

    number: int
    kind: str  # "action" or "input"
    type: str
    action_id: str
    block_id: str
    label: str
    value: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    optional: bool = False
    initial: Any = None
    hint: str = ""


def shown_value(el: dict[str, Any], users: Users = None) -> str:
    """The element's initial value as a person would read it."""
    value = initial_value(el)
    items = value if isinstance(value, list) else [value] if value not in (None, "") else []
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(text_of(item.get("text"), users))
        elif el.get("type", "").endswith("users_select"):
            out.append("@" + (users or {}).get(item, {}).get("name", item))
        else:
            out.append(str(item))
    return ", ".join(out)


def _control(el: dict[str, Any], n: int | None, users: Users) -> str:
    tag = f"{n}:" if n is not None else ""
    kind = el.get("type", "")
    if kind == "button":
        return f"[{tag} {text_of(el.get('text'), users)} ]"
    if kind == "overflow":
        return f"[{tag} ... ]"
    name = text_of(el.get("placeholder"), users) or KINDS.get(kind, kind)
    current = shown_value(el, users)
    return f"[{tag} {name}: {current} v ]" if current else f"[{tag} {name} v ]"


def _element(
    n: int, kind: str, bid: str, el: dict[str, Any], label: str = "", users: Users = None
) -> Element:
    opts = [(text_of(o.get("text"), users), str(o.get("value"))) for o in all_options(el)]
    return Element(
        n,
        kind,
        el.get("type", ""),
        el.get("action_id", ""),
        bid,
        label or text_of(el.get("text") or el.get("placeholder"), users),
        el.get("value"),
        opts,
        initial=initial_value(el),
    )


def _blocks(
    blocks: list[dict[str, Any]], users: Users, numbered: bool, width: int, elements: list[Element]
) -> list[str]:
    lines: list[str] = []
    ids = {id(el): bid for bid, el, _k in iter_elements(blocks)}

    def control(el: dict[str, Any]) -> str:
        n = len(elements) + 1 if numbered else None
        if numbered and "action_id" in el:
            elements.append(_element(n or 0, "action", ids.get(id(el), ""), el, users=users))
        return _control(el, n if "action_id" in el else None, users)

    for i, b in enumerate(blocks):
        kind = b.get("type")
        if kind == "header":
            lines.append(f"== {text_of(b.get('text'), users)} ==")
        elif kind == "divider":
            lines.append("─" * min(width, 40))
        elif kind == "section":
            lines += wrap(text_of(b.get("text"), users), width)
            lines += _fields([text_of(f, users) for f in b.get("fields") or []], width)
            if isinstance(b.get("accessory"), dict) and "action_id" in b["accessory"]:
                lines.append("  " + control(b["accessory"]))
        elif kind == "context":
            parts = [text_of(e, users) or e.get("alt_text", "") for e in b.get("elements", [])]
            lines += wrap(" · ".join(p for p in parts if p), width, "  ")
        elif kind in ("actions", "context_actions"):
            lines += wrap("  ".join(control(e) for e in b.get("elements", [])), width)
        elif kind == "image":
            lines.append(f"[image: {b.get('alt_text', '')}]")
        elif kind == "markdown":
            lines += wrap(b.get("text", ""), width)
        elif kind == "rich_text":
            lines += wrap(_rich_text(b, users), width)
        elif kind == "input":
            lines.append(f"{text_of(b.get('label'), users)} ({block_id_of(b, i)})")
    return lines


def _fields(texts: list[str], width: int) -> list[str]:
    """Section fields two to a row, as Slack lays them out, when both fit."""
    flat = [" ".join(t.split("\n")) for t in texts]
    col = (width - 2) // 2
    lines: list[str] = []
    for i in range(0, len(flat), 2):
        pair = flat[i : i + 2]
        if len(pair) == 2 and max(map(len, pair)) < col:
            lines.append(("  " + pair[0].ljust(col) + pair[1]).rstrip())
        else:
            for text in pair:
                lines += wrap(text, width, "  ")
    return lines


def _rich_text(block: dict[str, Any], users: Users) -> str:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "user":
                out.append("@" + (users or {}).get(node.get("user_id"), {}).get("name", "?"))
            elif "text" in node and isinstance(node["text"], str):
                out.append(node["text"])
            for child in node.get("elements", []):
                walk(child)

    walk(block)
    return "".join(out)


def render_message(
    msg: Message | dict[str, Any], users: Users = None, numbered: bool = False, width: int = 80
) -> tuple[str, list[Element]]:
    """A message as text; with `numbered`, its buttons and selects are numbered and listed."""
    text = msg.text if isinstance(msg, Message) else msg.get("text", "")
    blocks = msg.blocks if isinstance(msg, Message) else msg.get("blocks") or []
    elements: list[Element] = []
    lines = (
        _blocks(blocks, users, numbered, width, elements)
        if blocks
        else wrap(text_of({"type": "mrkdwn", "text": text or ""}, users), width)
    )
    for f in (msg.files if isinstance(msg, Message) else msg.get("files")) or []:
        lines.append(f"[file: {f.get('name')}, {f.get('size')} bytes]")  # a shared upload
    return "\n".join(lines), elements


def render_view(
    view: dict[str, Any], users: Users = None, numbered: bool = True, width: int = 80
) -> tuple[str, list[Element]]:
    """A modal or Home tab as text: title, numbered fields (label, kind, options, value)."""
    title = text_of(view.get("title"), users) or ("Home" if view.get("type") == "home" else "")
    lines, elements = [f"=== {title} ==="], []
    for i, b in enumerate(view.get("blocks") or []):
        if b.get("type") != "input":
            lines += _blocks([b], users, numbered, width, elements)
            continue
        el, label = b.get("element") or {}, text_of(b.get("label"), users)
        n = len(elements) + 1
        item = _element(n, "input", block_id_of(b, i), el, label, users)
        item.optional, item.hint = bool(b.get("optional")), text_of(b.get("hint"), users)
        elements.append(item)
        kind = KINDS.get(el.get("type", ""), el.get("type", ""))
        if el.get("multiline"):
            kind += ", several lines"
        lines.append(f" {n}. {label}{'' if item.optional else ' *'}  ({kind})")
        if item.options:
            lines += wrap("options: " + " | ".join(t for t, _v in item.options), width, "     ")
        if shown_value(el, users):
            lines += wrap(f"now: {shown_value(el, users)}", width, "     ")
        if item.hint:
            lines += wrap(item.hint, width, "     ")
    buttons = [text_of(view.get(k), users) for k in ("submit", "close") if view.get(k)]
    if buttons:
        lines.append("  ".join(f"[ {b} ]" for b in buttons))
    return "\n".join(lines), elements


def describe(msg: Message, users: Users = None, channels: dict[str, Any] | None = None) -> str:
    """A one-line heading for a message: where it is, who sees it, whether it was edited."""
    name = (channels or {}).get(msg.channel, {}).get("name", msg.channel)
    where = f"#{name}" if msg.channel.startswith(("C", "G")) else f"DM {msg.channel}"
    who = "@" + (users or {}).get(msg.user, {}).get("name", msg.user)
    parts = [where, who]
    if msg.thread_ts and msg.thread_ts != msg.ts:
        parts.append("in thread")
    if msg.ephemeral_to:
        parts.append(f"only visible to @{(users or {}).get(msg.ephemeral_to, {}).get('name')}")
    if msg.deleted or msg.edited:
        parts.append("deleted" if msg.deleted else "edited")
    return "── " + " · ".join(parts) + " " + "─" * 8
