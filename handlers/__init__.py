"""The Slack surface: listeners grouped by surface, each module with register(app)."""

from slack_bolt import App


def register(app: App) -> None:
    """Register every listener on the app."""
    from handlers import actions, bant, commands, events, home, views

    for module in (commands, actions, views, home, events, bant):
        module.register(app)
