"""The one place where failures become what the user is told.

Domain errors carry a code and data; each feature's `words.py` says, per code, what
the user reads (a template whose string data are escaped, or a function of the data).
"""

import logging
from collections.abc import Callable
from typing import Any

from bot.common.errors import DomainError, NeedsQualification
from bot.i18n import _
from bot.pipeline.templates import local_name
from bot.runtime import logs
from bot.runtime.answering import after_ack
from handlers.accounts.words import WORDS as ACCOUNTS
from handlers.deals.verb_words import WORDS as VERBS
from handlers.deals.words import WORDS as DEALS
from handlers.digests.words import WORDS as DIGESTS
from handlers.followups.words import WORDS as FOLLOWUPS
from handlers.kit.text import echo
from handlers.kit.wording import Wording
from handlers.kit.words import WORDS as COMMON
from handlers.pipeline.words import WORDS as PIPELINE
from handlers.qualification.blocks import gate_blocks
from handlers.qualification.words import WORDS as QUALIFICATION
from handlers.teams.words import WORDS as TEAMS

log = logging.getLogger("dealbot")

WORDS: dict[str, Wording] = {
    **COMMON, **ACCOUNTS, **DEALS, **DIGESTS, **FOLLOWUPS, **PIPELINE, **QUALIFICATION, **VERBS,
    **TEAMS,
}


def _escaped(key: str, value: Any) -> Any:
    # Data of a refusal is mostly what the user typed: quoted back escaped and short; a
    # stage's name as the reader's language names a template stage.
    if key == "stage" and isinstance(value, str):
        value = local_name(value)
    return echo(value) if isinstance(value, str) else value


def words(exc: DomainError) -> str:
    """What the user reads for a domain error: its code's wording applied to its data."""
    wording = WORDS.get(exc.code)
    if wording is None:
        log.error("no words for domain error %s", exc)
        return _("That did not work, and nothing was changed.")
    if callable(wording):
        return wording(**exc.data)
    # A template is marked N_() where it is written, and translated here, when it is read.
    return _(wording).format(**{k: _escaped(k, v) for k, v in exc.data.items()})


def describe(exc: Exception, *, saved: bool = False) -> str:
    """The user-facing text for a failure; unexpected ones are logged with a reference: the
    request's id, which every log line of the request carries (bot/runtime/logs.py)."""
    if isinstance(exc, DomainError):
        return words(exc)
    ref = logs.request_id() or logs.new_request_id()
    log.error("unexpected error, ref %s", ref, exc_info=exc)
    if saved:
        return _(
            "Your change was saved, but I could not finish updating Slack. "
            "Reference `{ref}` if you report it."
        ).format(ref=ref)
    return _("Something went wrong on my side and nothing was changed. Reference `{ref}`.").format(
        ref=ref
    )


def offer(exc: Exception) -> list[dict] | None:
    """Buttons that go with an error, when there is a way forward (Qualify now / Move anyway)."""
    if isinstance(exc, NeedsQualification):
        return gate_blocks(exc.deal, exc.frm, exc.to, words(exc))
    return None


def guarded(work: Callable[[], None], tell: Callable[[str], object], *, saved: bool = True) -> None:
    """Run after-ack work (after the answer: bot/runtime/answering.py); a failure is logged
    and told to the user, never raised to Slack."""

    def run() -> None:
        try:
            work()
        except Exception as exc:  # the user hears about it; the log keeps the traceback
            try:
                tell(describe(exc, saved=saved))
            except Exception:
                log.exception("could not tell the user about a failure")

    after_ack(run)
