"""Workflow Builder steps: dealbot's functions, run by Slack as steps of a workflow."""
