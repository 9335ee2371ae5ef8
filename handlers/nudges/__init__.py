"""Nudge DMs: each owner's quiet deals with a way forward."""
