"""What arrives from Slack, read in one place: text cleaned, the team, button values, shapes.

Everything a listener takes from a payload passes here first. Text loses NUL and the
other control characters (PostgreSQL refuses NUL, and none of them is something a
person typed on purpose); a payload Slack would never send is refused before Bolt's
own matchers trip over it.
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.common.errors import InvalidInput

log = logging.getLogger("dealbot.http")

_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_SPACES = re.compile(r"[\t\x0b\x0c\x1c-\x1f]")
# C0 and C1 controls but the newline, DEL, and lone surrogates (JSON can carry "\ud800").
_DROPPED = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
SLACK_ID = re.compile(r"[A-Z0-9]{1,32}")  # users, channels, teams: U0ANN, C0SALES, T0DEMO


def clean(text: Any, *, lines: bool = True) -> str:
    """User text from Slack without control characters; newlines kept only when `lines`."""
    # Tabs and the other spacing controls become spaces, CR LF and the Unicode line
    # separators newlines (spaces on a one-line field); the rest is dropped. Anything
    # that is not a string (a forged value) reads as empty.
    if not isinstance(text, str):
        return ""
    text = _SPACES.sub(" ", _LINE_BREAKS.sub("\n", text))
    if not lines:
        text = text.replace("\n", " ")
    return _DROPPED.sub("", text)


def team_of(context: BoltContext) -> str:
    """The workspace a request is for: the one source of a team id for every listener."""
    # Bolt's `context.team_id` is the team it authorized the request for, read from the
    # right place of each payload kind: `view.app_installed_team_id` for a modal opened
    # through Slack Connect, the user's team when an org-wide install sends `team: null`,
    # `authorizations` for events in shared channels. A body's `team.id` is wrong or
    # missing in each of those cases. Requests without a team never reach a listener
    # (RefuseMalformed).
    return context.team_id or ""


def action_value(action: Any) -> str:
    """A button's value or a select's chosen value, cleaned; '' when there is none."""
    # Our elements always carry a value: a click without one (or with a number, a list)
    # comes from an old or forged message, and its reader refuses "" as a broken button.
    value = action.get("value") if isinstance(action, dict) else None
    if value is None and isinstance(action, dict):
        chosen = action.get("selected_option")
        value = chosen.get("value") if isinstance(chosen, dict) else None
    return clean(value, lines=False)


def trigger_of(body: dict) -> str:
    """The click's trigger_id, which a form needs to open; a click without one is broken."""
    trigger = body.get("trigger_id")
    if not isinstance(trigger, str) or not trigger:
        raise InvalidInput("broken_card_button")
    return trigger


def _has_id(part: Any) -> bool:
    return isinstance(part, dict) and isinstance(part.get("id"), str) and _slack_id(part["id"])


def _slack_id(value: Any) -> bool:
    return isinstance(value, str) and SLACK_ID.fullmatch(value) is not None


def _objects_or_absent(body: dict, *keys: str) -> bool:
    return all(body.get(k) is None or isinstance(body.get(k), dict) for k in keys)


def well_formed(body: Any, team_id: str | None) -> bool:
    """Whether a request has the parts every listener reads (Slack's own always do)."""
    if not isinstance(body, dict) or body.get("type") in ("url_verification", "ssl_check"):
        return isinstance(body, dict)
    if not team_id:
        return False
    kind = body.get("type")
    if kind == "block_actions":
        actions = body.get("actions")
        return (
            _has_id(body.get("user"))
            and isinstance(actions, list)
            and bool(actions)
            and all(isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions)
            and _objects_or_absent(body, "view", "container", "channel", "message", "state")
            and (body.get("channel") is None or _has_id(body["channel"]))
        )
    if kind in ("view_submission", "view_closed"):
        view = body.get("view")
        return (
            _has_id(body.get("user"))
            and isinstance(view, dict)
            and isinstance(view.get("callback_id"), str)
            and isinstance(view.get("blocks"), list)
        )
    if kind == "event_callback":
        return isinstance(body.get("event"), dict)
    if "command" in body:
        return isinstance(body.get("command"), str) and _slack_id(body.get("user_id"))
    return True


class RefuseMalformed(Middleware):
    """Bolt middleware: a request Slack would never send gets a 400, and no listener runs."""

    # A class, not a function: Bolt builds every argument a function middleware could ask
    # for (`action`, `view`, ...) from the body first, and that is what trips on the shapes
    # refused here.
    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        """Pass a well-formed request on; answer any other with a 400."""
        if well_formed(req.body, req.context.team_id):
            return next()
        log.warning("refused a malformed %s request", req.body.get("type") or "command")
        return BoltResponse(status=400, body='{"ok": false, "error": "malformed_payload"}')
