"""Domain errors: failures the user can fix. str(error) is the user-facing message."""


class DomainError(Exception):
    """A failure the user can fix; str() is the user-facing message."""


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
    """A move past the qualification stage for a deal that is not qualified (SQL) yet."""

    def __init__(self, message: str, *, deal: int, frm: int, to: int) -> None:
        super().__init__(message)
        self.deal, self.frm, self.to = deal, frm, to
