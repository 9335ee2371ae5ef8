"""BANT in Slack: /deal qualify, the rule commands, the form and the gate."""
