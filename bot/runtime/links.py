"""Deal links, `<DEALBOT_PUBLIC_URL>/d/<team>/<number>`, and the route that answers them.

A link names a workspace and a deal number, nothing more. Opening it answers a 302 to the
deal card's Slack permalink (chat.getPermalink with that workspace's token, kept in memory
once asked: a card keeps its ts), so reading the deal still needs a Slack sign-in. A deal
whose card is not posted yet goes to its channel (Slack's app_redirect); an unknown team or
deal, a deal that never had a channel, or any link while DEALBOT_PUBLIC_URL is unset, is a
404. No answer says anything about the deal.
"""

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from http.client import HTTPException
from urllib.parse import urlencode, urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from storage import queries
from storage.db import read_scope

log = logging.getLogger("dealbot.links")

PATH = "/d/"
TEAM = re.compile(r"[A-Z0-9]{1,32}")
NUMBER = re.compile(r"[1-9][0-9]{0,9}")
NUMBER_MAX = 2**31 - 1  # deal numbers are 32-bit integers in the database
APP_REDIRECT = "https://slack.com/app_redirect?"  # Slack's deep link to a channel
PERMALINKS_KEPT = 2048
_public: list[str | None] = [None]


def configure(url: str | None) -> None:
    """Set DEALBOT_PUBLIC_URL for this process (None: deals have no links)."""
    _public[0] = url.rstrip("/") if url else None


def public_url() -> str | None:
    """DEALBOT_PUBLIC_URL, without a trailing slash, or None."""
    return _public[0]


def deal_link(team_id: str, number: int) -> str | None:
    """The deal's stable link, or None without DEALBOT_PUBLIC_URL."""
    base = _public[0]
    return f"{base}{PATH}{team_id}/{number}" if base else None


def parse_path(path: str) -> tuple[str, int] | None:
    """(team, number) of `/d/<team>/<number>` (one trailing slash allowed), else None."""
    if not isinstance(path, str) or not path.startswith(PATH):
        return None
    rest = path[len(PATH) :]
    parts = (rest[:-1] if rest.endswith("/") else rest).split("/")
    if len(parts) != 2 or not TEAM.fullmatch(parts[0]) or not NUMBER.fullmatch(parts[1]):
        return None
    number = int(parts[1])
    return (parts[0], number) if number <= NUMBER_MAX else None


def parse_link(url: object) -> tuple[str, int] | None:
    """(team, number) of a deal link on DEALBOT_PUBLIC_URL as Slack reports a pasted one
    (host in any case, a query or fragment ignored), else None."""
    base = _public[0]
    if not base or not isinstance(url, str) or len(url) > 2000:
        return None
    try:
        link, home = urlsplit(url.strip()), urlsplit(base)
        same_place = (link.hostname, link.port) == (home.hostname, home.port)
    except ValueError:  # a broken [IPv6] host or port
        return None
    if link.scheme not in ("http", "https") or not same_place:
        return None
    prefix = home.path.rstrip("/")
    if not link.path.startswith(prefix + PATH):
        return None
    return parse_path(link.path[len(prefix) :])


class Unavailable(Exception):
    """Slack or the database did not answer: try again later (503)."""


class LinkRoute:
    """The WSGI route for GET and HEAD of /d/<team>/<number>."""

    def __init__(self, client_for: Callable[[str], WebClient]) -> None:
        self.client_for = client_for
        self._permalinks: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def matches(path: str) -> bool:
        """Whether a path is one of ours (well formed or not)."""
        return path.startswith(PATH) or path == PATH.rstrip("/")

    def __call__(self, environ: dict, start_response: Callable) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "")
        if method not in ("GET", "HEAD"):
            return _plain(start_response, "405 Method Not Allowed", "Use GET.", method, "GET, HEAD")
        # Without DEALBOT_PUBLIC_URL no deal has a link, so none is answered.
        found = parse_path(environ.get("PATH_INFO", "")) if _public[0] else None
        try:
            target = self.target(*found) if found else None
        except Unavailable:
            return _plain(start_response, "503 Service Unavailable", "Try again shortly.", method)
        except Exception:  # never a 500 with a traceback; the log has it
            log.exception("could not answer a deal link")
            return _plain(start_response, "503 Service Unavailable", "Try again shortly.", method)
        if target is None:
            return _plain(start_response, "404 Not Found", "No such deal link.", method)
        headers = [
            ("Location", target),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
            ("Content-Length", "0"),
        ]
        start_response("302 Found", headers)
        return []

    def target(self, team_id: str, number: int) -> str | None:
        """Where the link of deal #number of the team goes, or None (404)."""
        try:
            with read_scope() as s:
                deal = queries.deal_by_number(session=s, team_id=team_id, number=number)
                place = (deal.channel_id, deal.card_ts) if deal is not None else (None, None)
        except Exception as exc:
            raise Unavailable from exc
        channel, ts = place
        if not channel:
            return None  # no such deal, or one whose card was never posted anywhere
        if not ts:
            return channel_link(team_id, channel)
        return self.permalink(team_id, channel, ts)

    def permalink(self, team_id: str, channel: str, ts: str) -> str | None:
        """The card's permalink, asked of Slack once per card."""
        key = (team_id, channel, ts)
        with self._lock:
            if key in self._permalinks:
                self._permalinks.move_to_end(key)
                return self._permalinks[key]
        try:
            answer = self.client_for(team_id).chat_getPermalink(channel=channel, message_ts=ts)
        except SlackApiError as e:
            error = e.response.get("error", "") if e.response is not None else ""
            log.info("no permalink for a deal card of %s: %s", team_id, error)
            if error == "message_not_found":
                return channel_link(team_id, channel)
            if error in ("ratelimited", "internal_error", "fatal_error", "service_unavailable"):
                raise Unavailable from None
            return None  # the channel is gone, or dealbot was removed from the workspace
        except (OSError, HTTPException) as exc:
            raise Unavailable from exc
        except Exception:  # no token for the team (uninstalled): nothing to show
            log.info("no client for team %s to answer a deal link", team_id)
            return None
        link = answer.get("permalink")
        if not isinstance(link, str) or not link.startswith("https://") or not link.isprintable():
            return None
        with self._lock:
            self._permalinks[key] = link
            while len(self._permalinks) > PERMALINKS_KEPT:
                self._permalinks.popitem(last=False)
        return link


def channel_link(team_id: str, channel: str) -> str:
    """Slack's deep link that opens a channel of a workspace."""
    return APP_REDIRECT + urlencode({"team": team_id, "channel": channel})


def _plain(
    start_response: Callable, status: str, text: str, method: str, allow: str | None = None
) -> list[bytes]:
    body = (text + "\n").encode()
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
    ]
    if allow:
        headers.append(("Allow", allow))
    start_response(status, headers)
    return [] if method == "HEAD" else [body]
