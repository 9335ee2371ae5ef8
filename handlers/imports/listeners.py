"""A CSV file shared in dealbot's DM: a preview (a dry run), then Import or Cancel.

The preview is the import's own plan, written nowhere. Its buttons carry the file's id
(and name): Import fetches the file from Slack again and runs the same import as
`dealbot import`, so nothing is kept between the preview and the click, and a restart
does not break the button. The import is idempotent: a second click changes nothing and
says so. Only admins import (`require_admin`), checked at the preview and at the click.
"""

import logging
import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.i18n import _
from bot.imports.match import MappingError
from bot.imports.people import SlackRefused, decode, lookup_by_email
from bot.imports.service import Options, import_text, prepare
from bot.teams.access import require_admin
from handlers.imports import blocks, words
from handlers.imports.download import NotReadable, check, download, fetch, info
from handlers.kit import errors
from handlers.kit.ids import Import
from handlers.kit.inbound import action_value, team_of
from handlers.kit.units import one_unit
from storage.db import read_scope

log = logging.getLogger("dealbot.import")

ACTION = "import"  # what require_admin refuses: "Only an admin can import deals …"
FILE_ID = re.compile(r"F[A-Z0-9]{2,30}")
MAX_FILES = 5  # files of one message answered (Slack allows 10)


def refusal(exc: Exception) -> str:
    """What the user reads when a file cannot be previewed or imported."""
    if isinstance(exc, NotReadable):
        return words.REFUSALS[exc.code](**exc.data)
    if isinstance(exc, SlackRefused):
        return words.lookup_refused(str(exc))
    return errors.describe(exc)  # not an admin, or unexpected (with a reference)


def shared_ids(event: dict) -> list[str]:
    """The ids of the files a file_share message carries."""
    files = event.get("files")
    found = [f.get("id") for f in files if isinstance(f, dict)] if isinstance(files, list) else []
    return [f for f in found if isinstance(f, str) and FILE_ID.fullmatch(f)][:MAX_FILES]


def admin_only(team_id: str, user_id: str) -> None:
    """Refuse a non-admin (Slack asked with no transaction open: kit/units.py)."""
    one_unit(
        lambda s: require_admin(session=s, team_id=team_id, user_id=user_id, action=ACTION),
        read_scope,
    )


def preview(client: WebClient, team_id: str, user_id: str, file_id: str) -> dict:
    """The preview message of one shared file (a refusal raises)."""
    shared = info(client, file_id)
    check(shared)  # not a CSV, too large: said to anyone
    admin_only(team_id, user_id)
    text = decode(download(client, shared))
    try:
        found = prepare(team_id, text, Options(), lookup_by_email(client))
    except MappingError as e:
        return blocks.message(words.cannot_map(shared.name, str(e)))
    return blocks.preview(shared, found)


def on_file_share(event: dict, client: WebClient, context: BoltContext) -> None:
    """A person shared files in dealbot's DM: answer each with its preview, or why not."""
    team_id, user_id = team_of(context), event["user"]

    def say(answer: dict) -> None:
        thread = event.get("thread_ts")
        client.chat_postMessage(channel=event["channel"], thread_ts=thread, **answer)

    for file_id in shared_ids(event):
        try:
            answer = preview(client, team_id, user_id, file_id)
        except Exception as exc:
            answer = {"text": refusal(exc)}
        try:
            say(answer)
        except Exception:  # nowhere left to tell the user; the log keeps it
            log.exception("could not answer a file shared in the DM")


def _button(action: dict) -> tuple[str, str]:
    """The file id and name a button carries ("" for the id of a broken one)."""
    file_id, __, name = action_value(action).partition("|")
    return (file_id if FILE_ID.fullmatch(file_id) else ""), (name or _("the file"))


def on_import(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Import clicked: fetch the file again and import it; the preview becomes the result."""
    ack()
    team_id, user_id = team_of(context), body["user"]["id"]
    file_id, name = _button(action)
    try:
        if not file_id:
            raise NotReadable("import_broken_button")
        admin_only(team_id, user_id)
    except Exception as exc:  # the preview stays; the refusal is the clicker's alone
        respond(text=refusal(exc), response_type="ephemeral", replace_original=False)
        return
    respond(text=words.importing(name), replace_original=True)  # no second click meanwhile
    try:
        shared, text = fetch(client, file_id)
        name = shared.name
        found, done = import_text(team_id, text, lookup=lookup_by_email(client))
        answer = blocks.outcome(name, found, done)
    except MappingError as e:
        answer = blocks.message(words.cannot_map(name, str(e)))
    except Exception as exc:
        answer = blocks.message(refusal(exc))
    respond(replace_original=True, **answer)


def on_cancel(ack: Ack, action: dict, respond: Respond) -> None:
    """Cancel clicked: the preview says nothing was imported, without its buttons."""
    ack()
    respond(text=words.cancelled(_button(action)[1]), replace_original=True)


def register(app: App) -> None:
    """The preview's buttons (the file_share message itself comes through handlers/threads/dm)."""
    app.action(Import.confirm)(on_import)
    app.action(Import.cancel)(on_cancel)
