"""/deal remind and the reminder DM's buttons: Done, Snooze, Show."""

from slack_bolt import Ack, App, BoltContext, Respond
from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.followups import service as followups
from bot.i18n import N_, _
from handlers.deals.buttons import answerable
from handlers.deals.changes import split_deal
from handlers.deals.listing import shown
from handlers.followups import dms
from handlers.kit import blocks, errors
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from handlers.kit.inbound import action_value, team_of
from handlers.kit.units import one_unit
from storage.db import session_scope

USAGE = N_("Try `/deal remind 12 2026-12-01 send the proposal`.")


def remind_command(ctx: Ctx, rest: str) -> Reply:
    """/deal remind <deal> <date> <what>."""
    ref, tail = split_deal(ctx, rest, _(USAGE))
    day, __, what = tail.strip().partition(" ")
    if not day:
        return Reply(text=_("On which day? {usage}").format(usage=_(USAGE)))
    with session_scope() as s:
        deal, r = followups.remind(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=ref, day=day, what=what
        )
        title, owner, when = fmt.deal_title(deal), deal.owner_id, r.due_on.isoformat()
    said = {"day": when, "deal": title, "what": fmt.echo(what.strip())}
    if owner == ctx.user_id:
        return Reply(text=_("On {day} I will remind you about {deal}: {what}.").format(**said))
    return Reply(
        text=_("On {day} I will remind {who} about {deal}: {what}.").format(
            who=fmt.user(owner), **said
        )
    )


def _reminder_id(action: dict) -> int:
    value = action_value(action)
    if not value.isdigit() or len(value) > 12:
        raise InvalidInput("broken_reminder_button")
    return int(value)


def on_click(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    """Done ends the reminder, Snooze moves it a week on (both replace the DM), Show the card."""
    ack()
    team_id = team_of(context)
    if not answerable(body):
        return
    try:
        rid = _reminder_id(action)
        kind = action["action_id"]
        if kind == dms.SHOW:
            with session_scope() as s:
                due = followups.find(session=s, team_id=team_id, reminder_id=rid)
                number = str(due.deal.number)
            respond(response_type="ephemeral", replace_original=False, **shown(team_id, number, 0))
            return
        change = followups.done if kind == dms.DONE else followups.snooze
        actor = body["user"]["id"]

        def changed(s: Session) -> tuple[str, str]:  # read while the unit is open
            due = change(session=s, team_id=team_id, actor=actor, reminder_id=rid)
            return dms.reminder_line(due), due.reminder.due_on.isoformat()

        line, when = one_unit(changed)
        if kind == dms.DONE:
            text = _("✅ Done. {reminder}").format(reminder=line)
        else:
            text = _("Snoozed until {day}. {reminder}").format(day=when, reminder=line)
        respond(text=text, replace_original=True, blocks=[blocks.text(text)])
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    """Register the reminder DM's buttons."""
    for action_id in (dms.DONE, dms.SNOOZE, dms.SHOW):
        app.action(action_id)(on_click)
