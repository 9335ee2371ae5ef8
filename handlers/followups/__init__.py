"""Follow-up reminders: /deal remind, the reminder DM and its Done / Snooze / Show buttons."""
