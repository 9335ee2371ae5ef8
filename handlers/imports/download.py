"""A CSV file shared with dealbot, fetched from Slack by its id.

files.info first (the documented way to a file's metadata and its `url_private_download`,
with the files:read scope; an event may carry only the file's id), then a GET of that URL
with the bot token in an `Authorization: Bearer` header, as Slack asks (slack_sdk has no
helper for it). The token is sent only to Slack's own hosts (the API's host or one under
it, e.g. files.slack.com), never across a redirect: Slack answers a download it does not
allow with a redirect to its sign-in page, or that page itself, and both are refused here.
Log lines name the file id and the outcome, never the URL's answer or the token.
"""

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import _
from bot.imports.people import decode

log = logging.getLogger("dealbot.import")

MAX_BYTES = 5 * 1024 * 1024  # a CSV of about 30,000 deals; the command line takes more
TIMEOUT_S = 30
GONE = ("file_not_found", "file_deleted")


class NotReadable(Exception):
    """The shared file cannot be imported as it is: `code` says why (handlers/imports/words)."""

    def __init__(self, code: str, **data: object) -> None:
        super().__init__(code)
        self.code, self.data = code, data


@dataclass
class Shared:
    """A file someone shared, as files.info describes it."""

    id: str
    name: str
    kind: str  # Slack's pretty_type, e.g. "CSV", "PDF"
    size: int
    url: str
    csv: bool


def info(client: WebClient, file_id: str) -> Shared:
    """files.info: the file's name, type, size and download URL."""
    try:
        f = client.files_info(file=file_id)["file"]
    except SlackApiError as e:
        error = str(e.response.get("error") or "error")
        log.warning("files.info %s refused: %s", file_id, error)
        if error == "missing_scope":
            raise NotReadable("import_no_scope") from None
        if error in GONE:
            raise NotReadable("import_file_gone") from None
        raise NotReadable("import_slack_refused", error=error) from None
    name = str(f.get("name") or f.get("title") or file_id)
    csv = f.get("filetype") == "csv" or name.lower().endswith(".csv")
    return Shared(
        id=file_id,
        name=name,
        kind=str(f.get("pretty_type") or f.get("filetype") or "file"),
        size=int(f.get("size") or 0),
        url=str(f.get("url_private_download") or f.get("url_private") or ""),
        csv=csv,
    )


def check(shared: Shared) -> None:
    """Refuse what is not a CSV file, or is larger than MAX_BYTES."""
    if not shared.csv:
        raise NotReadable("import_not_csv", name=shared.name, kind=shared.kind)
    if shared.size > MAX_BYTES:
        raise NotReadable("import_too_large", name=shared.name, size=shared.size)


def fetch(client: WebClient, file_id: str) -> tuple[Shared, str]:
    """The file's metadata and its text (UTF-8, or Windows-1252)."""
    shared = info(client, file_id)
    check(shared)
    return shared, decode(download(client, shared))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is Slack's "sign in first": it is not followed (nor is the token sent on)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def from_slack(url: str, api_url: str) -> bool:
    """Whether a file URL is on Slack's own host: the API's host, or one under it."""
    u, api = urlsplit(url), urlsplit(api_url)
    host, home = (u.hostname or "").lower(), (api.hostname or "").lower()
    if not host or not home or u.scheme not in ("https", api.scheme):
        return False
    home = home.removeprefix("www.")
    return host == home or host.endswith("." + home)


def download(client: WebClient, shared: Shared) -> bytes:
    """GET the file's private URL with the bot token; at most MAX_BYTES."""
    if not from_slack(shared.url, client.base_url):
        log.warning("file %s: its URL is not on Slack's host; not downloaded", shared.id)
        raise NotReadable("import_download_refused", name=shared.name, why=_("not on Slack"))
    request = urllib.request.Request(
        shared.url, headers={"Authorization": f"Bearer {client.token}"}, method="GET"
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT_S) as answer:
            status, kind = answer.status, answer.headers.get("Content-Type", "")
            data = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as e:
        log.warning("file %s: download answered %s", shared.id, e.code)
        e.close()
        raise NotReadable("import_download_refused", name=shared.name, why=str(e.code)) from None
    except OSError as e:
        log.warning("file %s: download failed: %s", shared.id, type(e).__name__)
        raise NotReadable("import_download_failed", name=shared.name) from None
    if "text/html" in kind:  # Slack's sign-in page: the token may not read files
        log.warning("file %s: download answered a sign-in page (%s)", shared.id, status)
        raise NotReadable("import_download_refused", name=shared.name, why="sign-in page")
    if len(data) > MAX_BYTES:
        raise NotReadable("import_too_large", name=shared.name, size=len(data))
    return data
