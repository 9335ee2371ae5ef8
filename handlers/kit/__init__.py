"""The Slack layer's shared kit: text, ids, private_metadata, parsing, errors, blocks."""
