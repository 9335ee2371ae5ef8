"""What the user reads when a digest or nudge operation refuses: wording per domain error code."""

from handlers.kit.text import echo
from handlers.kit.wording import Wording

WORDS: dict[str, Wording] = {
    "digest_bad_time": "`{text}` is not a time of day; write it as HH:MM, e.g. 09:00.",
    "digest_bad_zone": (
        "`{text}` is not a time zone; use an IANA name such as "
        "`Europe/Helsinki` or `America/New_York`."
    ),
    "digest_bad_weekday": "`{text}` is not a weekday; use mon, tue, wed, thu, fri, sat or sun.",
    "digest_none_here": "This channel has no digest yet: `/deal digest daily 09:00` first.",
    "digest_one_owner": "Name one owner: `/deal digest filter owner @ann`.",
    "snooze_not_after_today": "Snooze until a day after today ({today}).",
    "snooze_no_reason": "Say why the deal can wait, e.g. “their budget opens in March”.",
    "snooze_no_day": "Pick the day the deal should come back.",
    "list_no_team": (
        "You are in no sales team yet, so there is no team to list. A manager adds you with "
        "`/deal team add …` (see `/deal help`); meanwhile `/deal list team East` lists a team "
        "by its name."
    ),
    "unknown_sales_team": lambda text, teams: no_such_team(text, teams),
}


def no_such_team(name: str, teams: list[str]) -> str:
    """A team name that matches none, and the teams there are (or how one is made)."""
    if not teams:
        return (
            f"There is no sales team called `{echo(name)}`: this workspace has no teams yet. "
            "A manager creates one with `/deal team …` (see `/deal help`)."
        )
    listed = ", ".join(f"`{echo(n)}`" for n in teams)
    return f"There is no sales team called `{echo(name)}`. The teams are {listed}."
