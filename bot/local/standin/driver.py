"""Driver: plays Slack toward the app, sending signed, real-shaped requests to its endpoint."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from bot.local.standin import api_files_read, payloads, signing
from bot.local.standin.clicks import action_and_state, locate
from bot.local.standin.forms import submission_state
from bot.local.standin.models import Message, Reply
from bot.local.standin.payloads import form_body
from bot.local.standin.server import SlackStandIn
from bot.local.standin.signing import FORM
from bot.local.standin.views_ack import apply_view_ack


class Driver:
    """Sends slash commands, clicks, submissions and events to the app as Slack would."""

    def __init__(
        self,
        standin: SlackStandIn,
        *,
        app_url: str,
        signing_secret: str,
        settle: Callable[[], None] | None = None,
    ) -> None:
        self.standin, self.app_url, self.signing_secret = standin, app_url, signing_secret
        self.settle = settle
        self.verification_token = "vtoken-demo"
        self._event_seq = 0

    def sign(self, body: str, timestamp: int | None = None) -> dict[str, str]:
        """Slack's request signing headers for `body` (v0, HMAC-SHA256 of v0:ts:body)."""
        return signing.sign(self.signing_secret, body, timestamp)

    def post(
        self,
        body: str,
        *,
        content_type: str = FORM,
        headers: dict[str, str] | None = None,
        on_ack: Callable[[Reply], None] | None = None,
    ) -> Reply:
        """POST a signed body; show the ack (on_ack) at once, then wait for the app to settle."""
        all_headers = {**self.sign(body), "Content-Type": content_type, **(headers or {})}
        reply = signing.send(self.app_url, body, all_headers)
        if on_ack:
            on_ack(reply)  # Slack shows the ack before anything the app does after it
        if self.settle:
            self.settle()
        return reply

    def mention(self, user_id: str) -> str:
        """A user mention as Slack escapes it in slash command text: <@U0BOB|bob>."""
        return f"<@{user_id}|{self.standin.users[user_id]['name']}>"

    # payload parts (links and shortcuts build their payloads with these too) ------------------
    def _common(self, kind: str, user: str) -> dict[str, Any]:
        return payloads.common(self.standin, kind, user, self.verification_token)

    def _channel_name(self, channel: str) -> str:
        return payloads.channel_name(self.standin, channel)

    # interactions -----------------------------------------------------------------------------
    def slash(
        self, text: str, *, user: str = "U0ANN", channel: str = "C0SALES", command: str = "/deal"
    ) -> Reply:
        """Run a slash command; a non-empty ack is recorded as what the user sees."""
        s = self.standin
        if channel == s.dm_id(user):
            s.open_dm([user])
        fields = payloads.slash_fields(
            s, text, user=user, channel=channel, command=command, token=self.verification_token
        )

        def show(reply: Reply) -> None:
            if reply.status == 200 and reply.body.strip():
                ack = reply.json if reply.json is not None else {"text": reply.body}
                if ack.get("text") or ack.get("blocks"):
                    reply.message = s.record_ack(user, channel, ack)

        return self.post(urlencode(fields), on_ack=show)

    def click(
        self,
        action_id: str,
        *,
        message: Message | str | None = None,
        view: dict[str, Any] | str | None = None,
        value: str | None = None,
        user: str = "U0ANN",
        selected: Any = None,
    ) -> Reply:
        """Click a button or choose in a select/overflow/datepicker, as block_actions."""
        return self.post(
            self.click_body(
                action_id, message=message, view=view, value=value, user=user, selected=selected
            )
        )

    def click_body(
        self,
        action_id: str,
        *,
        message: Message | str | None = None,
        view: dict[str, Any] | str | None = None,
        value: str | None = None,
        user: str = "U0ANN",
        selected: Any = None,
    ) -> str:
        """The form body Slack would send for that click (unsigned)."""
        s = self.standin
        found = locate(s, action_id, value, user, message, view)
        action, values = action_and_state(found, action_id, selected)
        token = self.verification_token
        return form_body(payloads.click_payload(s, found, action, values, user=user, token=token))

    def submit(
        self, view_id: str, values: dict[str, Any] | None = None, *, user: str = "U0ANN"
    ) -> Reply:
        """Submit an open modal with plain values keyed by block_id; apply the response_action."""
        s = self.standin
        if view_id not in [v["id"] for v in s.open_views(user)]:
            raise LookupError(f"view {view_id} is not open for {user}")
        view = copy.deepcopy(s.view(view_id) or {})
        view["state"] = {"values": submission_state(view, values)}
        payload = {
            **self._common("view_submission", user),
            "trigger_id": s.new_trigger_id(user),
            "view": view,
            "response_urls": [],
        }

        def show(reply: Reply) -> None:
            if reply.status == 200:
                reply.errors = apply_view_ack(s, user, view, reply)

        return self.post(form_body(payload), on_ack=show)

    def close_view(self, view_id: str, *, user: str = "U0ANN") -> Reply | None:
        """Close a modal (the user clicked Cancel); view_closed is sent only if notify_on_close."""
        s = self.standin
        view = copy.deepcopy(s.view(view_id) or {})
        s.close_modal(user, view_id, clear=bool(view.get("clear_on_close")))
        s.flush()
        if not view.get("notify_on_close"):
            return None
        payload = {**self._common("view_closed", user), "view": view, "is_cleared": False}
        return self.post(form_body(payload))

    # events -----------------------------------------------------------------------------------
    def event(
        self,
        event: dict[str, Any],
        *,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        event_id: str | None = None,
    ) -> Reply:
        """Deliver an Events API event in its event_callback envelope.

        A retry (retry_num) of an earlier delivery should pass that delivery's event_id,
        as Slack does. A message event is sent only when Slack would send it (the bot is a
        member of the conversation, subscribed to its message.* event, with the scope);
        otherwise nothing reaches the app and the reply has status 0.
        """
        s = self.standin
        if not s.hears(event):
            return Reply(0, "", None)
        self._event_seq += 1
        envelope = payloads.envelope(
            s, event, seq=self._event_seq, event_id=event_id, token=self.verification_token
        )
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        return self.post(json.dumps(envelope), content_type="application/json", headers=headers)

    def dm(self, text: str, *, user: str = "U0ANN", **fields: Any) -> Reply:
        """`user` types `text` in their DM with the bot (its Messages tab): message.im."""
        s = self.standin
        event = {
            "type": "message",
            "channel": s.open_dm([user]),
            "user": user,
            "text": text,
            "ts": s.next_ts(),
            **fields,
        }
        return self.event(event)

    def share_file(
        self, filename: str, content: bytes | str, *, user: str = "U0ANN", text: str = ""
    ) -> Reply:
        """`user` shares a file in their DM with the bot, as Slack sends it: the file is kept
        (files.info, its url_private_download) and a message with subtype file_share comes."""
        s = self.standin
        data = content.encode("utf-8") if isinstance(content, str) else content
        channel = s.open_dm([user])
        with s.lock:
            file = api_files_read.share(s, user, channel, filename, data)
            ts = s.next_ts()
            s.add_message(Message(ts, channel, user, text, [], files=[file]))
        s.flush()
        event = {
            "type": "message",
            "subtype": "file_share",
            "channel": channel,
            "user": user,
            "text": text,
            "files": [file],
            "upload": False,
            "display_as_bot": False,
            "ts": ts,
        }
        return self.event(event)

    def app_home_opened(self, user: str = "U0ANN") -> Reply:
        """The user opened the app's Home tab."""
        s = self.standin
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user,
            "channel": s.open_dm([user]),
            "tab": "home",
        }
        if s.home(user):
            event["view"] = s.home(user)
        return self.event(event)
