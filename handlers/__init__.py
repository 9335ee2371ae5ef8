"""The Slack surface: listeners grouped by surface, each module with register(app)."""

from slack_bolt import App


def register(app: App) -> None:
    """Register every listener on the app."""
    from handlers import actions, commands, views

    for module in (commands, actions, views):
        module.register(app)
