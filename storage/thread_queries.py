"""Queries of deal threads and people's settings: the deal of a thread, the reply of a message."""

from sqlmodel import Session, select

from storage.models import Activity, Deal


def deal_by_card(*, session: Session, team_id: str, channel_id: str, card_ts: str) -> Deal | None:
    """The deal whose card is the message `card_ts` in the channel."""
    q = select(Deal).where(
        Deal.team_id == team_id, Deal.channel_id == channel_id, Deal.card_ts == card_ts
    )
    return session.exec(q).first()


def reply_by_ts(*, session: Session, team_id: str, ts: str) -> Activity | None:
    """The thread reply recorded from the Slack message `ts`."""
    q = select(Activity).where(
        Activity.team_id == team_id, Activity.message_ts == ts, Activity.kind == "reply"
    )
    return session.exec(q).first()

