"""Queries of shortcuts: the Slack message a deal was created from."""

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from storage.models import Activity, Deal

FROM_MESSAGE = "from_message"  # the activity that keeps a lead's source message


_DEAL_WITH_ORIGIN = (  # built once: building a statement costs more than running this one
    select(Deal, Activity.message_ts, Activity.from_value)
    .outerjoin(
        Activity,
        (col(Activity.deal_id) == Deal.id)
        & (col(Activity.team_id) == Deal.team_id)
        & (col(Activity.kind) == FROM_MESSAGE),
    )
    .where(col(Deal.id) == bindparam("deal_id"), col(Deal.team_id) == bindparam("team_id"))
    .order_by(col(Activity.id))
    .limit(1)
)


def deal_with_origin(
    *, session: Session, team_id: str, deal_id: int
) -> tuple[Deal | None, str | None, str | None]:
    """The deal (in this workspace only) and its source message's (ts, channel), if it
    was created from one: one statement, as the outbox reads it for each card and line."""
    found = session.execute(_DEAL_WITH_ORIGIN, {"deal_id": deal_id, "team_id": team_id}).first()
    return (None, None, None) if found is None else tuple(found)


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
