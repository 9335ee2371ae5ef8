"""The Slack client a command-line job (import, export) uses, when it has one."""

import logging
import sys

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import settings as settings_mod
from bot.digests.subscriptions import only_workspace
from storage import db

log = logging.getLogger("dealbot.cli")


def client_for(s: settings_mod.Settings, team: str | None) -> WebClient | None:
    """The bot token's client; with OAuth, the workspace's own token once it is known."""
    from bot.app import team_clients, web_client
    from bot.runtime.oauth import NotInstalled

    if s.bot_token:
        return web_client(s)
    if not team or not s.oauth:
        return None
    try:
        return team_clients(s)(team)
    except NotInstalled:
        return None


def workspace_and_client(
    s: settings_mod.Settings, team: str | None
) -> tuple[str | None, WebClient | None]:
    """The workspace a job is for (`--team`, else the bot token's, else the database's only
    one) and its Slack client, if any; with no workspace, says on stderr how to name one."""
    client = client_for(s, team)
    if not team and client is not None:
        try:
            team = client.auth_test()["team_id"]
        except (SlackApiError, OSError) as e:
            log.warning("could not ask Slack which workspace the token is for: %s", e)
    if not team:
        with db.read_scope() as session:
            team = only_workspace(session=session)
    if team is None:
        print(
            "dealbot: say which workspace with --team (this database has several, or none).",
            file=sys.stderr,
        )
        return None, None
    return team, client or client_for(s, team)
