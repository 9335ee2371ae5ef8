"""/deal export [all]: the CSV of `dealbot export`, uploaded to the asker's DM with dealbot.

The upload happens right after the acknowledgement, not through the outbox: an export
changes nothing, so there is no change for it to be atomic with, and a lost one is
asked for again. It goes to the asker's DM, never the channel the command was typed in,
where everyone would get the whole pipeline.
"""

import logging
from datetime import UTC, datetime

from slack_sdk.errors import SlackApiError

from bot.exports import csv_file, names, rows
from bot.i18n import _
from handlers.exports import words
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from storage.db import read_scope

log = logging.getLogger("dealbot.export")
ALL = "all"


def export_command(ctx: Ctx, rest: str) -> Reply:
    """/deal export [all]."""
    given = rest.strip()
    if given.casefold() not in ("", ALL):
        return Reply(text=_(words.USAGE).format(given=fmt.echo(given)))
    archived = given.casefold() == ALL
    return Reply(text=words.on_its_way(archived), after=lambda: send(ctx, archived))


def send(ctx: Ctx, archived: bool) -> None:
    """Build the CSV, upload it to the asker's DM and say where it is; failures are told."""
    try:
        _send(ctx, archived)
    except SlackApiError as e:
        error = str(e.response.get("error") or "error")
        log.warning("export upload refused: %s", error)
        refused = _(words.REFUSED).format(error=error)
        ctx.tell(_(words.NO_SCOPE) if error == "missing_scope" else refused)
    except Exception as exc:  # the user hears a reference; the log keeps the traceback
        ctx.tell(errors.describe(exc))


def _send(ctx: Ctx, archived: bool) -> None:
    with read_scope() as session:
        found = rows.export_rows(session=session, team_id=ctx.team_id, archived=archived)
    if not found:
        ctx.tell(words.nothing(archived))
        return
    people = names.names_of(rows.owner_ids(found), names.users_info(ctx.client))
    content = csv_file.csv_text(found, people)
    day = datetime.now(UTC).date()
    name = csv_file.file_name(ctx.team_id, day)
    dm = ctx.client.conversations_open(users=ctx.user_id)["channel"]["id"]
    comment = words.comment(len(found), archived, day)
    ctx.client.files_upload_v2(
        channel=dm, content=content, filename=name, title=name, initial_comment=comment
    )
    ctx.tell(words.sent(name, len(found)))

