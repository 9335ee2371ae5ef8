"""Reports over any period: the data."""
