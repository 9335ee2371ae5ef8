"""Nudges: daily reminders of quiet deals to their owners, and snoozes."""
