"""/deal find in Slack: the command, its results and their Next page button."""
