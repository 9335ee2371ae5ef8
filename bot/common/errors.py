"""Domain errors: failures the user can fix. They carry data; the Slack layer words them.

An error names what went wrong with a `code` (a short snake_case key) and carries
the facts the words need as keyword data: the text the user typed, the deal's
number and name, the stages, the closest names. `handlers/kit/errors.py` turns
code and data into a reply; nothing in `bot/` writes what the user reads.
"""

from typing import Any


class DomainError(Exception):
    """A failure the user can fix: `code` says which, `data` says about what."""

    def __init__(self, code: str, **data: Any) -> None:
        super().__init__(code)
        self.code = code
        self.data = data

    def __str__(self) -> str:
        """For logs: the code and the data, never shown to a user."""
        facts = ", ".join(f"{k}={v!r}" for k, v in self.data.items())
        return f"{self.code}({facts})"


class InvalidAmount(DomainError):
    """An amount that does not parse."""


class InvalidInput(DomainError):
    """A command or field the user typed that does not make sense."""


class DealNotFound(DomainError):
    """No deal matches the reference in this workspace."""


class AmbiguousDeal(DomainError):
    """A reference that matches several deals."""


class StageNotFound(DomainError):
    """No stage matches the name in this workspace's pipeline."""


class NotAllowed(DomainError):
    """The change is not allowed for this deal in its current state."""


class StaleDeal(DomainError):
    """The deal changed since the user looked at it."""


class NeedsQualification(DomainError):
    """A move past the qualification stage for a deal that is not qualified (SQL) yet.

    Data: deal (number), frm and to (stage ids), and what the words need.
    """

    @property
    def deal(self) -> int:
        return self.data["deal"]

    @property
    def frm(self) -> int:
        return self.data["frm"]

    @property
    def to(self) -> int:
        return self.data["to"]
