"""Shortcuts on Slack messages: what a message says about a lead (pure), and where it came from."""
