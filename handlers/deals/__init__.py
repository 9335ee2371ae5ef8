"""Deals in Slack: /deal new, list, show and changes; the card, its buttons and forms."""
