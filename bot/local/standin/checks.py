"""Pure checks of Web API arguments against Slack's rules; each returns a list of problems."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.local.standin import methods as m

# slack_sdk logs a warning for an unknown block type; the stand-in reports it itself.
logging.getLogger("slack_sdk.models").setLevel(logging.ERROR)


def decode_json_arg(value: Any) -> tuple[Any, str | None]:
    """Decode an argument that form posts carry as a JSON string; return (value, problem)."""
    if not isinstance(value, str):
        return value, None
    try:
        return json.loads(value), None
    except ValueError as exc:
        return value, f"not valid JSON: {exc}"


def check_required(method: str, args: dict[str, Any]) -> list[str]:
    """Report required arguments of `method` that are missing or empty."""
    spec = m.METHODS[method]
    missing = [a for a in spec.required if a != "token" and args.get(a) in (None, "")]
    problems = [f"{method}: missing required argument '{a}'" for a in missing]
    alternatives = m.ONE_OF.get(method)
    if alternatives and not any(args.get(a) not in (None, "") for a in alternatives):
        problems.append(f"{method}: needs one of {', '.join(alternatives)}")
    return problems


def _text_of(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def check_block(block: Any, where: str) -> list[str]:
    """Check one block with slack_sdk's models and the limits the models do not enforce."""
    if not isinstance(block, dict):
        return [f"{where}: block is not an object: {block!r:.80}"]
    try:
        parsed = Block.parse(block)
        if parsed is None:
            return [f"{where}: unknown block type {block.get('type')!r}"]
        parsed.to_dict()
    except Exception as exc:  # slack_sdk raises several types for a bad block
        return [f"{where}: {type(exc).__name__}: {exc}"]
    problems: list[str] = []
    if block.get("type") == "section":
        if len(_text_of(block.get("text"))) > m.MAX_SECTION_TEXT:
            problems.append(f"{where}: section text over {m.MAX_SECTION_TEXT} characters")
        for i, field in enumerate(block.get("fields") or []):
            if len(_text_of(field)) > m.MAX_SECTION_FIELD_TEXT:
                problems.append(f"{where}: field {i} over {m.MAX_SECTION_FIELD_TEXT} characters")
    return problems


def check_blocks(blocks: Any, *, limit: int, where: str = "blocks") -> list[str]:
    """Check a `blocks` array: a list, at most `limit` long, every block valid."""
    if not isinstance(blocks, list):
        return [f"{where}: must be an array, got {type(blocks).__name__}"]
    problems: list[str] = []
    if len(blocks) > limit:
        problems.append(f"{where}: {len(blocks)} blocks, the limit is {limit}")
    for i, block in enumerate(blocks):
        problems += check_block(block, f"{where}[{i}]")
    return problems


def check_message(args: dict[str, Any], *, max_text: int = m.MAX_TEXT) -> list[str]:
    """Check the content of a message: text or blocks present, blocks valid, text not too long."""
    text, blocks = args.get("text"), args.get("blocks")
    if not text and not blocks:
        return ["message has neither text nor blocks"]
    problems: list[str] = []
    if isinstance(text, str) and len(text) > max_text:
        problems.append(f"text is {len(text)} characters, the limit is {max_text}")
    if blocks is not None:
        problems += check_blocks(blocks, limit=m.MAX_BLOCKS_MESSAGE)
    return problems


def check_view(view: Any) -> list[str]:
    """Check a modal or Home tab view with slack_sdk's View model and Slack's limits."""
    if not isinstance(view, dict):
        return [f"view must be an object, got {type(view).__name__}"]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [f"view type must be 'modal' or 'home', got {kind!r}"]
    problems = check_blocks(view.get("blocks", []), limit=m.MAX_BLOCKS_VIEW, where="view.blocks")
    if len(json.dumps(view)) > m.MAX_VIEW_BYTES:
        problems.append("view_too_large: view over 250 kB")
    if kind == "modal":
        problems += _check_modal(view)
    try:
        View(**view).to_dict()
    except Exception as exc:  # slack_sdk raises several types for a bad view
        problems.append(f"view: {type(exc).__name__}: {exc}")
    return problems


def _check_modal(view: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for key in ("title", "submit", "close"):
        obj = view.get(key)
        if obj is None:
            continue
        if not isinstance(obj, dict) or obj.get("type") != "plain_text":
            problems.append(f"view.{key} must be a plain_text object")
        elif len(obj.get("text", "")) > m.MAX_MODAL_TITLE:
            problems.append(f"view.{key} over {m.MAX_MODAL_TITLE} characters")
    if view.get("title") is None:
        problems.append("view.title is required for a modal")
    blocks = view.get("blocks") or []
    has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
    if has_input and view.get("submit") is None:
        problems.append("view.submit is required when a modal has input blocks")
    return problems


def check_metadata(meta: Any) -> tuple[str, list[str]] | None:
    """Check message metadata; return (Slack's error, problems), or None when it is fine."""
    # An object with a string event_type and an object event_payload, or Work Object
    # entities; an empty object means "no metadata" (chat.update clears it with one).
    if not isinstance(meta, dict):
        return "invalid_metadata_format", [f"metadata must be a JSON object, not {meta!r:.60}"]
    if not meta:
        return None
    if "entities" in meta and "event_type" not in meta and "event_payload" not in meta:
        if isinstance(meta["entities"], list):
            return None
        return "invalid_metadata_schema", ["metadata.entities must be an array"]
    problems = []
    if not isinstance(meta.get("event_type"), str) or not meta["event_type"]:
        problems.append(f"metadata.event_type must be a non-empty string: {meta!r:.80}")
    if not isinstance(meta.get("event_payload"), dict):
        problems.append(f"metadata.event_payload must be an object: {meta!r:.80}")
    return ("invalid_metadata_schema", problems) if problems else None
