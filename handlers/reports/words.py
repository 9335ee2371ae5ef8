"""What the user reads when a report's period does not parse: wording per domain error code."""

from bot.common.errors import DomainError
from bot.i18n import N_, _
from handlers.kit.text import echo
from handlers.kit.wording import Wording

EXAMPLES = N_(
    "`/deal report 30`, `/deal report 90`, `/deal report 365`, `/deal report quarter` "
    "or `/deal report 2026-01-01..2026-03-31`"
)

WORDS: dict[str, Wording] = {
    "report_bad_period": N_("`{text}` is not a period I know. Try {examples}."),
    "report_bad_day": N_("`{text}` is not a day; write it as YYYY-MM-DD, e.g. 2026-03-31."),
    "report_backwards": N_(
        "The period ends ({last}) before it starts ({first}); put the earlier day "
        "first, e.g. `2026-01-01..2026-03-31`."
    ),
    "report_bad_days": N_(
        "`{text}` days is not a period I can report on: give 1 to {most} days."
    ),
    "window_bad_days": N_(
        "`{text}` is not a number of days: give 1 to {most}, e.g. `/deal digest window 30`."
    ),
}


def words(exc: DomainError) -> str:
    """The wording of a report refusal, the user's text quoted back escaped."""
    wording = WORDS.get(exc.code)
    if wording is None or callable(wording):
        return _("That is not a period I can report on. Try {examples}.").format(
            examples=_(EXAMPLES)
        )
    data = {k: echo(v) if isinstance(v, str) else v for k, v in exc.data.items()}
    return _(wording).format(**data, examples=_(EXAMPLES))
