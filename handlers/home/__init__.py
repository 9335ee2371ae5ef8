"""The Home tab: my deals by stage, and its buttons."""
