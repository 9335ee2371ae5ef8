"""Follow-ups: reminders on a day (Keep nurturing's date, /deal remind), on nudges' clock."""
