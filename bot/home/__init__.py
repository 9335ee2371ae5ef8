"""A seller's own pipeline, as the Home tab shows it."""
