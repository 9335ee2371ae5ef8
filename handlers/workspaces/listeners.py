"""dealbot removed from a workspace: forget its tokens, pause its work, keep its data.

With OAuth distribution, Bolt's own revocation listeners delete the installation (so
Bolt's authorize refuses the team's requests from then on) and the team's digests,
nudges and outbox rows wait until someone installs dealbot there again. With one
SLACK_BOT_TOKEN there is nothing to delete: the operator sets the new token.
"""

import logging

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from bot.workspaces import installs
from handlers.kit.inbound import team_of
from storage.db import session_scope

log = logging.getLogger("dealbot")


def register(app: App) -> None:
    """Listen for app_uninstalled and tokens_revoked."""
    store = app.installation_store
    revocations = TokenRevocationListeners(store) if store is not None else None

    def pause(team_id: str, reason: str) -> None:
        with session_scope() as s:
            installs.pause(session=s, team_id=team_id, reason=reason)

    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext) -> None:
        team_id = team_of(context)
        if revocations is None:
            log.warning("dealbot was uninstalled from %s; reinstall it and set the new "
                        "SLACK_BOT_TOKEN to continue", team_id)
            return
        revocations.handle_app_uninstalled_events(context)
        pause(team_id, installs.UNINSTALLED)

    @app.event("tokens_revoked")
    def revoked(event: dict, context: BoltContext) -> None:
        team_id = team_of(context)
        bot_revoked = bool((event.get("tokens") or {}).get("bot"))
        if revocations is None:
            if bot_revoked:
                log.warning("the bot token of %s was revoked; set a new SLACK_BOT_TOKEN", team_id)
            return
        revocations.handle_tokens_revoked_events(event, context)
        if bot_revoked:  # the installation's copy of the bot token is dead too
            store.delete_installation(enterprise_id=context.enterprise_id, team_id=team_id)
            pause(team_id, installs.TOKENS_REVOKED)
