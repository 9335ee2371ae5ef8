"""The one place where failures become what the user is told."""

import logging
import secrets
from collections.abc import Callable

from bot.common.errors import DomainError, NeedsQualification
from handlers.qualification.blocks import gate_blocks

log = logging.getLogger("dealbot")


def describe(exc: Exception, *, saved: bool = False) -> str:
    """The user-facing text for a failure; unexpected ones are logged with a reference."""
    if isinstance(exc, DomainError):
        return str(exc)
    ref = secrets.token_hex(4)
    log.error("unexpected error, ref %s", ref, exc_info=exc)
    if saved:
        return (
            f"Your change was saved, but I could not finish updating Slack. "
            f"Reference `{ref}` if you report it."
        )
    return f"Something went wrong on my side and nothing was changed. Reference `{ref}`."


def offer(exc: Exception) -> list[dict] | None:
    """Buttons that go with an error, when there is a way forward (Qualify now / Move anyway)."""
    if isinstance(exc, NeedsQualification):
        return gate_blocks(exc.deal, exc.frm, exc.to, str(exc))
    return None


def guarded(work: Callable[[], None], tell: Callable[[str], object], *, saved: bool = True) -> None:
    """Run after-ack work; a failure is logged and told to the user, never raised to Slack."""
    try:
        work()
    except Exception as exc:  # the user hears about it; the log keeps the traceback
        try:
            tell(describe(exc, saved=saved))
        except Exception:
            log.exception("could not tell the user about a failure")
