"""The pipeline: stage templates, and a workspace's stages shown and switched."""
