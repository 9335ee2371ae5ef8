"""What dealbot says about an export."""

from bot.common.numbers import number
from bot.i18n import N_, _, n_

USAGE = N_(
    "`/deal export` sends you every deal as a CSV file; `/deal export all` includes archived "
    "deals. I don't know `{given}` there."
)
NO_SCOPE = N_(
    "I could not send the file: dealbot lacks Slack's `files:write` permission in this "
    "workspace. A workspace admin can reinstall dealbot to grant it; nothing was sent."
)
REFUSED = N_("I could not send the file: Slack said `{error}`. Nothing was sent; try again later.")


def on_its_way(archived: bool) -> str:
    """The answer to `/deal export [all]` before the file is built."""
    if archived:
        return _(
            "Exporting the pipeline, archived deals too: the CSV file will be in your DM with "
            "dealbot in a moment (only you get it)."
        )
    return _(
        "Exporting the pipeline: the CSV file will be in your DM with dealbot in a "
        "moment (only you get it)."
    )


def nothing(archived: bool) -> str:
    """No deal to export."""
    if archived:
        return _("There are no deals to export yet: nothing was sent.")
    return _(
        "There are no deals to export yet (archived deals are left out; `/deal export all` "
        "includes them): nothing was sent."
    )


def comment(count: int, archived: bool, day: object) -> str:
    """The file's comment in the DM."""
    if archived:
        said = n_(
            "Your export of {n} deal, archived deals too, {day}. It opens in any spreadsheet "
            "and imports back with `dealbot import`.",
            "Your export of {n} deals, archived deals too, {day}. It opens in any spreadsheet "
            "and imports back with `dealbot import`.",
            count,
        )
    else:
        said = n_(
            "Your export of {n} deal, {day}. It opens in any spreadsheet and imports "
            "back with `dealbot import`.",
            "Your export of {n} deals, {day}. It opens in any spreadsheet and imports "
            "back with `dealbot import`.",
            count,
        )
    return said.format(n=number(count), day=day)


def sent(name: str, count: int) -> str:
    """Where the file is."""
    return n_(
        "Sent: `{name}` ({n} deal) is in your DM with dealbot.",
        "Sent: `{name}` ({n} deals) is in your DM with dealbot.",
        count,
    ).format(name=name, n=number(count))
