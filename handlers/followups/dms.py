"""Reminder DMs: the clock claims due reminders; the outbox sends each one, once."""

from datetime import datetime

from slack_sdk import WebClient

from bot.followups import service as followups
from bot.i18n import _, n_
from bot.runtime.sending import Sent
from handlers.kit import blocks
from handlers.kit import text as fmt
from handlers.kit.delivery import dm_once
from handlers.kit.mrkdwn import escape
from storage.db import session_scope
from storage.models import Outbox

DONE = "reminder_done"
SNOOZE = "reminder_snooze"
SHOW = "reminder_show"


def what_shown(r) -> str:
    """What a reminder is about, escaped; the words dealbot wrote itself in the reader's
    language (the stored text stays English)."""
    if r.source == "nurture" and r.what == followups.NURTURE_WHAT:
        return _(followups.NURTURE_WHAT)
    if r.source == "next" and r.what.startswith(followups.NEXT_STEP):
        step = r.what[len(followups.NEXT_STEP) :]
        return _("next step: {step}").format(step=escape(step))
    return escape(r.what)


def reminder_line(due: followups.Due) -> str:
    """Reminder: #12 Acme Corp: send the proposal (due 2026-12-01)."""
    r = due.reminder
    return _("*Reminder:* {deal}: {what} (due {day})").format(
        deal=fmt.deal_title(due.deal), what=what_shown(r), day=r.due_on.isoformat()
    )


def reminder_blocks(due: followups.Due) -> list[dict]:
    """The DM: the line and Done / Snooze a week / Show."""
    rid = str(due.reminder.id)
    days = followups.SNOOZE_DAYS
    snooze = n_("Snooze {n} day", "Snooze {n} days", days).format(n=days)
    return [
        blocks.text(reminder_line(due)),
        {
            "type": "actions",
            "elements": [
                blocks.button(_("Done"), DONE, rid, "primary"),
                blocks.button(snooze, SNOOZE, rid),
                blocks.button(_("Show"), SHOW, rid),
            ],
        },
    ]


def run_due(now: datetime) -> int:
    """Claim the reminders whose day has come; each claim's outbox row sends it."""
    with session_scope() as s:
        return len(followups.claim_due(session=s, now=now))


def send_reminder(client: WebClient, row: Outbox) -> Sent:
    """The reminder, to the deal's owner by DM (once); nothing if it was done meanwhile."""
    with session_scope() as s:
        due = followups.claimed(session=s, team_id=row.team_id, reminder_id=row.ref_id)
        if due is not None:
            text, shown = fmt.deal_title(due.deal), reminder_blocks(due)
    if due is None:
        return Sent()
    posted = dm_once(client, row, text=_("Reminder: {deal}").format(deal=text), blocks=shown)
    return Sent(ts=posted["ts"])
