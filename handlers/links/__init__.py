"""Deal links pasted in Slack: link_shared unfurls them as a compact card with buttons."""
