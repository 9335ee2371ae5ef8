"""The Slack surface: listeners grouped by surface, each module with register(app)."""

from slack_bolt import App


def register(app: App) -> None:
    """Register every listener on the app."""
    from handlers import commands
    from handlers.deals import buttons as actions
    from handlers.deals import submissions as views
    from handlers.home import listeners as home
    from handlers.qualification import listeners as bant
    from handlers.threads import events

    for module in (commands, actions, views, home, events, bant):
        module.register(app)
