"""Shortcuts: "Create lead from message", "Add to deal…" (message) and "New lead" (global)."""
