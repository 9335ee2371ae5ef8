"""Installs and uninstalls: Slack's app_uninstalled and tokens_revoked events."""
