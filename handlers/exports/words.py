"""What dealbot says about an export."""

USAGE = (
    "`/deal export` sends you every deal as a CSV file; `/deal export all` includes archived "
    "deals. I don't know `{given}` there."
)
ON_ITS_WAY = (
    "Exporting the pipeline{archived}: the CSV file will be in your DM with dealbot in a "
    "moment (only you get it)."
)
ARCHIVED_TOO = ", archived deals too"
NOTHING = "There are no deals to export yet{archived}: nothing was sent."
NOT_ARCHIVED = " (archived deals are left out; `/deal export all` includes them)"
COMMENT = (
    "Your export of {count}{archived}, {day}. It opens in any spreadsheet and imports "
    "back with `dealbot import`."
)
SENT = "Sent: `{name}` ({count}) is in your DM with dealbot."
NO_SCOPE = (
    "I could not send the file: dealbot lacks Slack's `files:write` permission in this "
    "workspace. A workspace admin can reinstall dealbot to grant it; nothing was sent."
)
REFUSED = "I could not send the file: Slack said `{error}`. Nothing was sent; try again later."
