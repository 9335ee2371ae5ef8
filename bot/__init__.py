"""dealbot: one package per feature, the runtime, the local Slack, the composition root."""
