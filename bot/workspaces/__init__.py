"""Workspaces: created with their pipeline on first use."""
