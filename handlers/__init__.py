"""The Slack surface: every feature's listeners, the last-resort error handler, the clock's jobs."""

import logging
from collections.abc import Callable
from datetime import datetime

from slack_bolt import Ack, App, BoltResponse, Respond

from bot.runtime.logs import TagRequest

log = logging.getLogger("dealbot")


def register(app: App) -> None:
    """Register every listener on the app, and the error handler for what they let through."""
    # Imported here: the feature modules import handlers.kit, which imports this package first.
    from handlers import commands
    from handlers.deals import buttons as actions
    from handlers.deals import duplicates
    from handlers.deals import submissions as views
    from handlers.followups import listeners as followups
    from handlers.home import listeners as home
    from handlers.imports import listeners as imports
    from handlers.kit.inbound import RefuseMalformed
    from handlers.languages.choosing import SpeakTheirLanguage
    from handlers.links import listeners as deal_links
    from handlers.pipeline import editor as stage_editor
    from handlers.qualification import listeners as bant
    from handlers.shortcuts import lead as lead_shortcuts
    from handlers.shortcuts import notes as note_shortcut
    from handlers.teams.asking import AskSlackWhoIsAdmin
    from handlers.threads import events
    from handlers.workflows import steps as workflow_steps
    from handlers.workspaces import listeners as installs

    app.middleware(TagRequest())  # first: every line of the request names its team, user, id
    app.middleware(RefuseMalformed())  # before Bolt's matchers read a payload's parts
    app.middleware(AskSlackWhoIsAdmin())  # permission checks may ask Slack who is an admin
    app.middleware(SpeakTheirLanguage())  # the listener speaks its reader's language
    for module in (commands, actions, duplicates, views, home, events, bant, installs, followups):
        module.register(app)
    stage_editor.register(app)  # the stage editor's button and form
    imports.register(app)  # a CSV file shared in the DM: its preview's buttons
    deal_links.register(app)  # a pasted deal link unfurls (link_shared); its Show button
    workflow_steps.register(app)  # Workflow Builder steps: function_executed
    lead_shortcuts.register(app)  # shortcuts that open the New lead form
    note_shortcut.register(app)  # "Add to deal…": its picker's options, form and button
    app.error(on_error)


def on_error(
    error: Exception, body: dict, respond: Respond | None = None, ack: Ack | None = None
) -> BoltResponse | None:
    """Last resort for anything a listener let through: log it, tell the user. A listener
    that had answered (ack) before it failed keeps that answer as the HTTP response."""
    from handlers.kit.errors import describe

    text = describe(error)
    if respond is not None and body.get("response_url"):
        try:
            respond(text=text, response_type="ephemeral", replace_original=False)
        except Exception:  # the error itself is already logged; the user just hears nothing
            log.exception("could not report an error to the user")
    given = ack.response if ack is not None else None
    if given is None:
        return None
    return BoltResponse(status=given.status, body=given.body, headers=given.headers)


def jobs() -> Callable[[datetime], None]:
    """The clock's tick: claim due digests, then due nudges (the outbox posts them); drop
    the seen request signatures too old to replay."""
    from bot.runtime.front_door import forget_old_requests
    from handlers.digests.posting import run_due as post_digests
    from handlers.followups.dms import run_due as send_reminders
    from handlers.nudges.dms import run_due as send_nudges

    def tick(now: datetime) -> None:
        post_digests(now)
        send_nudges(now)
        send_reminders(now)
        forget_old_requests(now)

    return tick


def senders() -> dict:
    """The outbox's sender for each kind of row: the Slack layer words what it delivers."""
    from handlers.deals.posting import SENDERS as DEALS
    from handlers.digests.posting import send_digest
    from handlers.followups.dms import send_reminder
    from handlers.home.refresh import send_home
    from handlers.kit.notices import send_notice
    from handlers.languages.choosing import in_their_language
    from handlers.nudges.dms import send_nudge

    by_kind = {
        **DEALS,
        "digest": send_digest,
        "nudge": send_nudge,
        "reminder": send_reminder,
        "home": send_home,
        "notice": send_notice,
    }
    # Cards, thread lines, digests in the channel's language; DMs and Home in the person's.
    return {kind: in_their_language(send) for kind, send in by_kind.items()}


def on_pause(session, row, error: str) -> None:
    """A channel refused a deal's row: its rows wait, and the deal's owner is told once."""
    from bot.i18n import speaking
    from handlers.kit.notices import channel_refuses
    from handlers.languages.choosing import for_channel

    with speaking(for_channel(row.team_id, row.channel_id)):  # the owner's team reads it
        channel_refuses(session=session, row=row, error=error)
