"""CSV export of a workspace's deals (`dealbot export`, `/deal export`)."""
