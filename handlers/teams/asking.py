"""Whether Slack calls someone a workspace admin or owner: asked of users.info only when a
permission check needs it, at most once per person per request, never stored."""

import logging
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.teams import access
from handlers.kit.context import quick

log = logging.getLogger("dealbot")


class SlackAdmins:
    """users.info's is_admin / is_owner for one request, remembered for that request."""

    def __init__(self, client: WebClient) -> None:
        self.client = client
        self.seen: dict[str, bool] = {}

    def knows(self, user_id: str) -> bool:
        """Whether Slack was asked about the person in this request already."""
        return user_id in self.seen

    def __call__(self, user_id: str) -> bool:
        if user_id not in self.seen:
            self.seen[user_id] = self._ask(user_id)
        return self.seen[user_id]

    def _ask(self, user_id: str) -> bool:
        try:
            user = quick(self.client).users_info(user=user_id)["user"]
        except (SlackApiError, OSError) as e:  # not an admin as far as we can tell
            log.warning("could not ask Slack whether %s is an admin: %s", user_id, e)
            return False
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


class AskSlackWhoIsAdmin(Middleware):
    """Bolt global middleware: this request's listener may ask Slack who is an admin."""

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        # Bolt runs the listener after every middleware has returned, in a copy of this
        # context (bot/runtime/executor.py), so the lookup is set, not reset: the next
        # request on this thread sets its own (like TagRequest's fields).
        client = req.context.client
        access.ask_slack(SlackAdmins(client) if client is not None else None)
        return next()
