"""The error a stand-in Web API method answers with."""

from __future__ import annotations


class ApiError(Exception):
    """A Slack error answer (`ok: false`); `problems` non-empty marks a contract failure."""

    def __init__(self, error: str, problems: list[str] | None = None, **extra: str) -> None:
        super().__init__(error)
        self.error = error
        self.problems = problems or []
        self.extra = extra  # more fields of the answer, e.g. missing_scope's needed/provided
