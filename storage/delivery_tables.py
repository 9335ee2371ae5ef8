"""What dealbot sends and what it has let in: the outbox, the digest schedules and their
runs, the stale-deal nudges, and the Slack events and requests already handled."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime
from storage.workspace_tables import timestamp


class HandledEvent(SQLModel, table=True):
    """A Slack event already applied: Slack retries deliver the same event_id again."""

    event_id: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(max_length=32)
    at: datetime = timestamp()


class SeenRequest(SQLModel, table=True):
    """A signed Slack request already let in: a replay of its signature is refused."""

    signature: str = Field(primary_key=True, max_length=80)
    request_ts: int = Field(sa_type=BigInteger, description="its X-Slack-Request-Timestamp")


class DigestSubscription(SQLModel, table=True):
    """A channel's digest schedule: daily or weekly at a local time in an IANA zone."""

    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    channel_id: str = Field(max_length=32)
    cadence: str = Field(max_length=8, description="daily or weekly")
    weekday: int | None = Field(default=None, description="0 = Monday, for weekly")
    at_time: str = Field(max_length=5, description="HH:MM local time")
    tz: str = Field(max_length=64)
    owner_filter: str | None = Field(default=None, max_length=32)
    stage_filter: str | None = Field(default=None, max_length=40)
    min_value_minor: int | None = Field(default=None, sa_type=BigInteger)
    max_value_minor: int | None = Field(default=None, sa_type=BigInteger)
    # A sales team's id (no foreign key: a team removed later leaves a filter that says so).
    sales_team_filter: int | None = Field(default=None)
    active: bool = Field(default=True)
    paused_reason: str | None = Field(default=None, max_length=500)
    created_by: str = Field(max_length=32)
    created_at: datetime = timestamp()


class DigestRun(SQLModel, table=True):
    """A scheduled digest, claimed once per subscription and local date; the claimant posts."""

    __table_args__ = (UniqueConstraint("subscription_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="digestsubscription.id")
    local_date: date
    due_at: datetime = Field(sa_type=UTCDateTime)
    claimed_at: datetime = timestamp()
    posted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_ts: str | None = Field(default=None, max_length=32)
    late: bool = Field(default=False)
    error: str | None = Field(default=None, max_length=500)
    snapshot: str | None = Field(default=None, sa_column=Column(Text))


class NudgeRun(SQLModel, table=True):
    """One day's stale-deal DM to one owner, claimed once."""

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    local_date: date = Field(primary_key=True)
    claimed_at: datetime = timestamp()
    posted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Outbox(SQLModel, table=True):
    """One Slack effect of a change, written in the change's transaction, sent after it.

    A row is pending until a deliverer claims it (sending, with a lease), then done,
    paused (its channel refuses us) or failed. `uncertain` marks a row whose last send
    may have reached Slack: it is looked up by its message metadata before any resend.
    Rows of one deal are sent in id order; pending rows with the same coalesce key are
    one row (an update carries only the newest state).
    """

    __table_args__ = (
        Index("ix_outbox_due", "status", "due_at"),
        Index("ix_outbox_deal", "deal_id", "id"),
        Index(  # claims read the open rows oldest first (storage/outbox_claim.py)
            "ix_outbox_open",
            "id",
            sqlite_where=text("status IN ('pending', 'sending')"),
            postgresql_where=text("status IN ('pending', 'sending')"),
        ),
        Index(
            "ux_outbox_coalesce",
            "coalesce_key",
            unique=True,
            sqlite_where=text("status = 'pending' AND coalesce_key IS NOT NULL"),
            postgresql_where=text("status = 'pending' AND coalesce_key IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    kind: str = Field(max_length=20)
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    ref_id: int | None = Field(default=None, description="an activity or digest run id")
    channel_id: str | None = Field(default=None, max_length=32)
    user_id: str | None = Field(default=None, max_length=32)
    payload: str | None = Field(default=None, sa_column=Column(Text))
    coalesce_key: str | None = Field(default=None, max_length=120)
    status: str = Field(default="pending", max_length=8)
    attempts: int = Field(default=0)
    uncertain: bool = Field(default=False)
    created_at: datetime = timestamp()
    due_at: datetime = timestamp()
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    result_ts: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, max_length=200)
