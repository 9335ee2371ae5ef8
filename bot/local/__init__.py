"""dealbot without Slack: the stand-in, the app wired to it, the demo and the console."""
