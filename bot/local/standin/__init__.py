"""A local stand-in for Slack: a fake Web API, a driver that plays Slack, and a text renderer."""

from bot.local.standin.driver import Driver
from bot.local.standin.models import Call, Message, Reply
from bot.local.standin.render import Element, describe, render_message, render_view
from bot.local.standin.server import SlackStandIn

__all__ = [
    "Call",
    "Driver",
    "Element",
    "Message",
    "Reply",
    "SlackStandIn",
    "describe",
    "render_message",
    "render_view",
]
