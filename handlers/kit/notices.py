"""DMs the deliverer sends about delivery itself: a channel that stopped taking posts."""

import json

from slack_sdk import WebClient
from sqlmodel import Session

from bot.deals import effects, reads
from bot.i18n import _
from bot.runtime.sending import Sent
from handlers.kit import text as fmt
from handlers.kit.delivery import dm_once
from storage.models import Outbox


def channel_refuses(*, session: Session, row: Outbox, error: str) -> None:
    """Tell the owner of the row's deal, once per channel, why its card stopped updating."""
    view = (
        reads.current(session=session, team_id=row.team_id, deal_id=row.deal_id)
        if (row.deal_id)
        else None
    )
    if view is None:
        return
    text = _(
        "I can no longer post in <#{channel}> (Slack said `{error}`), so the card of "
        "{deal} and its thread are not kept up to date there. "
        "Invite me back with `/invite @dealbot`; its changes are all saved."
    ).format(channel=row.channel_id, error=error, deal=fmt.deal_title(view.deal))
    effects.tell_once(
        session=session,
        team_id=row.team_id,
        user_id=view.deal.owner_id,
        text=text,
        key=f"paused:{row.team_id}:{row.channel_id}:{view.deal.owner_id}",
    )


def send_notice(client: WebClient, row: Outbox) -> Sent:
    """A notice row: its text, by DM."""
    text = json.loads(row.payload or "{}").get("text", "")
    return Sent(ts=dm_once(client, row, text=text)["ts"]) if text else Sent()
