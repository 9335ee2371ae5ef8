"""/deal stages: the pipeline shown and switched."""
