"""What the user reads when a reminder cannot be set or a reminder button is broken."""

from bot.i18n import N_
from handlers.kit.wording import Wording

WORDS: dict[str, Wording] = {
    "remind_not_a_date": N_(
        "`{text}` is not a date. Write it as YYYY-MM-DD, e.g. "
        "`/deal remind 12 {year}-12-01 send the proposal`."
    ),
    "remind_in_past": N_("{when} is in the past; a reminder is for today ({today}) or later."),
    "remind_no_what": N_("Remind you of what? Try `/deal remind 12 2026-12-01 send the proposal`."),
    "broken_reminder_button": N_("That button is broken; use `/deal remind <deal> <date> <what>`."),
    "reminder_already_done": N_("That reminder is already done."),
}
