"""Message events: replies in a deal's thread become its history."""
