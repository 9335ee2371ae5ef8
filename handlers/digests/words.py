"""What the user reads when a digest or nudge operation refuses: wording per domain error code."""

from bot.i18n import N_, _
from handlers.kit.text import echo
from handlers.kit.wording import Wording

WORDS: dict[str, Wording] = {
    "digest_bad_time": N_("`{text}` is not a time of day; write it as HH:MM, e.g. 09:00."),
    "digest_bad_zone": N_(
        "`{text}` is not a time zone; use an IANA name such as "
        "`Europe/Helsinki` or `America/New_York`."
    ),
    "digest_bad_weekday": N_(
        "`{text}` is not a weekday; use mon, tue, wed, thu, fri, sat or sun."
    ),
    "digest_none_here": N_("This channel has no digest yet: `/deal digest daily 09:00` first."),
    "digest_one_owner": N_("Name one owner: `/deal digest filter owner @ann`."),
    "snooze_not_after_today": N_("Snooze until a day after today ({today})."),
    "snooze_no_reason": N_("Say why the deal can wait, e.g. “their budget opens in March”."),
    "snooze_no_day": N_("Pick the day the deal should come back."),
    "list_no_team": N_(
        "You are in no sales team yet, so there is no team to list. A manager adds you with "
        "`/deal team add …` (see `/deal help`); meanwhile `/deal list team East` lists a team "
        "by its name."
    ),
    "unknown_sales_team": lambda text, teams: no_such_team(text, teams),
}


def no_such_team(name: str, teams: list[str]) -> str:
    """A team name that matches none, and the teams there are (or how one is made)."""
    if not teams:
        return _(
            "There is no sales team called `{name}`: this workspace has no teams yet. "
            "A manager creates one with `/deal team …` (see `/deal help`)."
        ).format(name=echo(name))
    listed = ", ".join(f"`{echo(n)}`" for n in teams)
    return _("There is no sales team called `{name}`. The teams are {teams}.").format(
        name=echo(name), teams=listed
    )
