"""The Slack client a command-line job (import, export) uses, when it has one."""

from slack_sdk import WebClient

from bot import settings as settings_mod


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
