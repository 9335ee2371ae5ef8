"""Digests in Slack: /deal digest, the message, and posting scheduled runs."""
