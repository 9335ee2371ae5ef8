"""What happens when the app POSTs to a response_url: Slack's rules for respond()."""

from __future__ import annotations

from typing import Any

from bot.local.standin import methods as m
from bot.local.standin.checks import check_message
from bot.local.standin.ledger import Ledger
from bot.local.standin.models import Call


def respond(s: Ledger, rid: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Answer a POST to a response_url (the stand-in's lock is held)."""
    ctx = s.response_urls.get(rid)
    problem = None
    if ctx is None:
        problem, error = "unknown response_url", "no_service"
    elif ctx["uses"] >= m.RESPONSE_URL_MAX_USES:
        problem, error = f"used more than {m.RESPONSE_URL_MAX_USES} times", "used_url"
    elif s.clock() - ctx["issued"] > m.RESPONSE_URL_TTL_S:
        problem, error = "expired (30 minutes)", "expired_url"
    if problem or ctx is None:
        s.reject("response_url", payload, error, [problem or ""])
        return 404, {"ok": False, "error": error}
    ctx["uses"] += 1
    original = s.find_message(ctx["channel"], ctx["message_ts"] or "")
    if _truthy(payload.get("delete_original")):
        if original is not None:
            s.change_message(original, deleted=True)
        s.calls.append(Call("response_url", payload, True))
        return 200, {"ok": True}
    problems = check_message(payload)
    if problems:
        s.reject("response_url", payload, "invalid_blocks", problems)
        return 400, {"ok": False, "error": "invalid_blocks"}
    s.calls.append(Call("response_url", payload, True))
    text, blocks = payload.get("text") or "", payload.get("blocks") or []
    if _truthy(payload.get("replace_original")) and original is not None:
        original.replace_original = True
        s.change_message(original, text=text, blocks=blocks)
    else:
        s.post_visible(ctx["user"] or "", ctx["channel"] or "", payload, "response_url")
    return 200, {"ok": True}


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")
