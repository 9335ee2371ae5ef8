"""What runs the app: the listener executor, the HTTP front door, the clock."""
