"""A deal's Slack thread as its record: replies, edits and deletions."""
