"""Queries of shortcuts: the Slack message a deal was created from."""

from sqlmodel import Session, col, select

from storage.models import Activity, Deal

FROM_MESSAGE = "from_message"  # the activity that keeps a lead's source message


def deal_by_origin(*, session: Session, team_id: str, channel_id: str, ts: str) -> Deal | None:
    """The deal whose card was posted in the thread of the message `ts` it was created from."""
    q = (
        select(Deal)
        .join(Activity, col(Activity.deal_id) == col(Deal.id))
        .where(
            Activity.team_id == team_id,
            Activity.message_ts == ts,
            Activity.kind == FROM_MESSAGE,
            Activity.from_value == channel_id,
            Deal.team_id == team_id,
            Deal.channel_id == channel_id,
        )
        .order_by(col(Deal.id))
    )
    return session.exec(q).first()
