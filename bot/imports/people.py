"""What the command line and Slack share to read an import: a file's bytes as text, and the
owners of its rows found by email (users.lookupByEmail with the workspace's token)."""

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError


class SlackRefused(Exception):
    """Slack refused a look-up for a reason other than "no such person"."""


def lookup_by_email(client: WebClient):
    """email -> Slack user id through users.lookupByEmail; None when nobody has it."""

    def lookup(email: str) -> str | None:
        try:
            user = client.users_lookupByEmail(email=email)["user"]
        except SlackApiError as e:
            if e.response.get("error") == "users_not_found":
                return None
            raise SlackRefused(e.response.get("error")) from None
        except OSError as e:
            raise SlackRefused(str(e)) from None
        return None if user.get("deleted") or user.get("is_bot") else user["id"]

    return lookup


def decode(data: bytes) -> str:
    """A file's text: UTF-8, or Windows-1252 as spreadsheets on Windows save it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
