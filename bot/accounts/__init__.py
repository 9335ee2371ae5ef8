"""Accounts (companies) and their contacts."""
