"""Pipeline digests: what they say, their metrics, their schedules and subscriptions."""
