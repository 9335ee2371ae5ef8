"""/deal export: the workspace's deals as a CSV file, sent to the asker's DM."""
