"""SQLModel tables. Every row of team data carries team_id; nothing is hard-deleted."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage import installations  # noqa: F401  (slack_sdk's OAuth tables, migration 0007)
from storage.types import UTCDateTime, utcnow


def _ts(**kw) -> Field:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kw)


class Workspace(SQLModel, table=True):
    """A Slack workspace (team) and its settings."""

    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    currency: str = Field(default="USD", max_length=3)
    pipeline_template: str = Field(default="generic", max_length=40)
    created_at: datetime = _ts()
    qualify_threshold: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    strict_qualification: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # Set when Slack says dealbot was uninstalled (or its bot token revoked): the team's
    # digests, nudges and outbox rows wait, its data stays; a new install clears it.
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_reason: str | None = Field(default=None, max_length=40)
    currency_set_by: str | None = Field(default=None, max_length=32)  # `/deal currency`
    currency_set_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Who may change a deal: False = its owner, collaborators, the owner's manager and
    # admins; True = every member (an admin's `/deal access open`).
    open_editing: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # The scheduled digest's metrics window in days (`/deal digest window 30`).
    digest_window_days: int = Field(default=90, sa_column_kwargs={"server_default": "90"})
    # The language of channels that chose none (`/deal language default fi`); None: English.
    language: str | None = Field(default=None, max_length=8)
    language_set_by: str | None = Field(default=None, max_length=32)
    # A new random number on every write to this row or to one of its stages (triggers,
    # storage/workspace_stamp.py): a process's copy of them is current while it matches.
    settings_stamp: int = Field(
        default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"}
    )


class SalesTeam(SQLModel, table=True):
    """A sales team (or region) of a workspace, led by one manager."""

    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80, description="folded name, for lookups")
    manager_id: str | None = Field(default=None, max_length=32)
    created_by: str = Field(max_length=32)
    created_at: datetime = _ts()


class Member(SQLModel, table=True):
    """A person's role in a workspace (admin, manager or seller) and their sales team.

    No row means a seller in no team. Slack admins and owners, and the person who
    installed dealbot, are admins whether or not a row says so.
    """

    __table_args__ = (Index("ix_member_team_sales_team", "team_id", "sales_team_id"),)

    team_id: str = Field(foreign_key="workspace.team_id", primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    role: str = Field(default="seller", max_length=10, description="admin, manager or seller")
    sales_team_id: int | None = Field(default=None, foreign_key="salesteam.id")
    set_by: str = Field(max_length=32)
    set_at: datetime = _ts()


class RoleChange(SQLModel, table=True):
    """Append-only record of role, team and access changes: who, when, what."""

    __table_args__ = (Index("ix_rolechange_team_at", "team_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    actor_id: str = Field(max_length=32)
    at: datetime = _ts()
    kind: str = Field(max_length=30, description="e.g. role, team_created, team_member")
    subject: str | None = Field(default=None, max_length=80, description="user or team")
    from_value: str | None = Field(default=None, max_length=200)
    to_value: str | None = Field(default=None, max_length=200)


class CurrencyRate(SQLModel, table=True):
    """A conversion rate set by hand: 1 `currency` = `rate` of the workspace currency."""

    team_id: str = Field(foreign_key="workspace.team_id", primary_key=True, max_length=32)
    currency: str = Field(primary_key=True, max_length=3)
    rate: str = Field(max_length=40, description="a decimal, kept exactly as text")
    set_by: str = Field(max_length=32)
    set_at: datetime = _ts()


class ChannelLanguage(SQLModel, table=True):
    """The language a channel's cards, thread lines and digests speak (`/deal language fi`)."""

    team_id: str = Field(foreign_key="workspace.team_id", primary_key=True, max_length=32)
    channel_id: str = Field(primary_key=True, max_length=32)
    language: str = Field(max_length=8)
    set_by: str = Field(max_length=32)
    set_at: datetime = _ts()


class Stage(SQLModel, table=True):
    """One stage of a workspace's pipeline, named in the past tense from the buyer's side."""

    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    key: str = Field(max_length=40)
    name: str = Field(max_length=80)
    position: int
    probability: int = Field(description="win probability in percent")
    kind: str = Field(default="open", max_length=8, description="open, won or lost")
    active: bool = Field(default=True)
    stale_days: int | None = Field(default=None, description="quiet days before a deal is stale")


class StageChange(SQLModel, table=True):
    """Append-only record of pipeline edits (stage editor, template switch): who, when, what."""

    __table_args__ = (Index("ix_stagechange_team_at", "team_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    stage_id: int | None = Field(default=None, foreign_key="stage.id")
    actor_id: str = Field(max_length=32)
    at: datetime = _ts()
    kind: str = Field(max_length=20, description="renamed, probability, quiet, added, ...")
    from_value: str | None = Field(default=None, max_length=500)
    to_value: str | None = Field(default=None, max_length=500)


class Company(SQLModel, table=True):
    """An account: a company with contacts and deals."""

    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, description="name folded for matching")
    created_at: datetime = _ts()


class Contact(SQLModel, table=True):
    """A person at a company."""

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254)
    title: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=40)
    created_at: datetime = _ts()
    marketing_consent: bool | None = Field(
        default=None, description="may we send marketing email: None until asked"
    )


class DealCounter(SQLModel, table=True):
    """The last deal number handed out in a workspace (migration 0018): a row of its own,
    taken by one upsert, so numbering a deal locks nothing else of the workspace. No
    foreign key: a number is taken beside the unit of work that may be creating the
    workspace (storage/number_queries.py)."""

    team_id: str = Field(primary_key=True, max_length=32)
    last_number: int = Field(default=0)


class Deal(SQLModel, table=True):
    """An opportunity, numbered per workspace and shown as #N."""

    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        Index("ix_deal_team_stage", "team_id", "stage_id"),
        Index("ix_deal_team_owner", "team_id", "owner_id"),
        Index("ix_deal_team_company", "team_id", "company_id"),  # search: a company's deals
        # digests: overdue and lapsed close dates from the index alone (0020)
        Index("ix_deal_team_close", "team_id", "close_date", "number", "stage_id", "archived_at"),
        Index(  # digests: the open deals' totals per stage, owner and currency, from the index
            "ix_deal_team_totals", "team_id", "stage_id", "owner_id", "currency", "archived_at",
            "value_minor", "stage_changed_at",
        ),
        Index("ux_deal_team_external_id", "team_id", "external_id", unique=True),
        Index(  # digests: the window's closes and creations join the deal from the index (0022)
            "ix_deal_team_join", "team_id", "id", "archived_at", "owner_id", "currency",
            "value_minor", "created_at",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    number: int
    name: str = Field(max_length=200)
    company_id: int | None = Field(default=None, foreign_key="company.id")
    value_minor: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(default="USD", max_length=3)
    stage_id: int = Field(foreign_key="stage.id")
    owner_id: str = Field(max_length=32)
    source: str | None = Field(default=None, max_length=40)
    close_date: date | None = None
    next_step: str | None = Field(default=None, max_length=500)
    lost_reason: str | None = Field(default=None, max_length=500)
    channel_id: str | None = Field(default=None, max_length=32)
    card_ts: str | None = Field(default=None, max_length=32)
    created_by: str = Field(max_length=32)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    stage_changed_at: datetime = _ts()
    version: int = Field(default=1)
    follow_up: date | None = None
    snoozed_until: date | None = None
    snooze_reason: str | None = Field(default=None, max_length=500)
    temperature: str | None = Field(default=None, max_length=8, description="hot, warm or cold")
    qualified: bool | None = Field(default=None, description="None until the first BANT check")
    archived_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="set by /deal archive, None when live"
    )
    external_id: str | None = Field(
        default=None, max_length=100, description="the row's id in a CSV import (dealbot import)"
    )
    last_activity_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="the newest activity's time, None without any: kept by triggers (0017)",
    )


class Activity(SQLModel, table=True):
    """One change to a deal: append-only, who, when, what, from, to."""

    __table_args__ = (
        # a deal's entries and closes (0020), the id for ties read from the index (0022)
        Index("ix_activity_deal_at", "deal_id", "at", "kind", "id"),
        Index("ix_activity_team_at", "team_id", "at"),
        Index("ix_activity_team_message", "team_id", "message_ts"),
        # One history entry per thread message, however often Slack delivers it.
        Index(
            "ux_activity_deal_message",
            "deal_id",
            "message_ts",
            unique=True,
            sqlite_where=text("message_ts IS NOT NULL"),
            postgresql_where=text("message_ts IS NOT NULL"),
        ),
        Index(  # digests read by kind, from the index (0020)
            "ix_activity_team_kind_at", "team_id", "kind", "at", "deal_id", "from_stage_id",
            "to_stage_id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id")
    actor_id: str = Field(max_length=32)
    at: datetime = _ts()
    kind: str = Field(max_length=20)
    from_value: str | None = Field(default=None, max_length=500)
    to_value: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, sa_column=Column(Text))
    message_ts: str | None = Field(default=None, max_length=32, description="thread reply's ts")
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # A stage move's stages by id (migration 0012): from_value/to_value keep the names they
    # had then; history prints a stage's current name. NULL on other kinds, and on old rows
    # whose stage name matched no stage.
    from_stage_id: int | None = Field(default=None, foreign_key="stage.id")
    to_stage_id: int | None = Field(default=None, foreign_key="stage.id")


class Collaborator(SQLModel, table=True):
    """A teammate tagged on a deal."""

    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id", primary_key=True)
    user_id: str = Field(primary_key=True, max_length=32)
    added_by: str = Field(max_length=32)
    reason: str | None = Field(default=None, max_length=500)
    added_at: datetime = _ts()


class Qualification(SQLModel, table=True):
    """One BANT check of a deal: append-only; who asked, when, each answer and the verdict."""

    __table_args__ = (Index("ix_qualification_team_deal_at", "team_id", "deal_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id")
    asked_by: str = Field(max_length=32)
    at: datetime = _ts()
    budget: str = Field(max_length=20)
    budget_note: str | None = Field(default=None, max_length=500)
    authority: str = Field(max_length=20)
    authority_note: str | None = Field(default=None, max_length=500)
    need: str = Field(max_length=20)
    need_note: str | None = Field(default=None, max_length=500)
    timeline: str = Field(max_length=20)
    timeline_note: str | None = Field(default=None, max_length=500)
    score: int
    qualified: bool
    temperature: str = Field(max_length=8)


class HandledEvent(SQLModel, table=True):
    """A Slack event already applied: Slack retries deliver the same event_id again."""

    event_id: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(max_length=32)
    at: datetime = _ts()


class UserSetting(SQLModel, table=True):
    """A person's own settings in a workspace."""

    team_id: str = Field(foreign_key="workspace.team_id", primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    notify: bool = Field(default=True, description="DM me when someone else changes my deal")
    home_seen: bool = Field(
        default=False,
        sa_column_kwargs={"server_default": "0"},
        description="has opened dealbot's Home tab; only their Home is kept fresh",
    )


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
    created_at: datetime = _ts()


class DigestRun(SQLModel, table=True):
    """A scheduled digest, claimed once per subscription and local date; the claimant posts."""

    __table_args__ = (UniqueConstraint("subscription_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="digestsubscription.id")
    local_date: date
    due_at: datetime = Field(sa_type=UTCDateTime)
    claimed_at: datetime = _ts()
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
    claimed_at: datetime = _ts()
    posted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SeenRequest(SQLModel, table=True):
    """A signed Slack request already let in: a replay of its signature is refused."""

    signature: str = Field(primary_key=True, max_length=80)
    request_ts: int = Field(sa_type=BigInteger, description="its X-Slack-Request-Timestamp")


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
    created_at: datetime = _ts()
    due_at: datetime = _ts()
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    result_ts: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, max_length=200)


class Reminder(SQLModel, table=True):
    """A follow-up due on a day, DMed to the deal's owner then (through the outbox).

    `source` is nurture (Keep nurturing's date), next (a next step's due date) or manual
    (/deal remind); `origin` is the deal date a nurture or next reminder came from, so each
    date makes one reminder. `sent_on` is the due date last claimed: a snooze moves
    `due_on` past it, and the reminder is claimed again on the new day.
    """

    __table_args__ = (
        Index("ix_reminder_team_due", "team_id", "due_on"),
        Index(
            "ux_reminder_origin",
            "deal_id",
            "source",
            "origin",
            unique=True,
            sqlite_where=text("origin IS NOT NULL"),
            postgresql_where=text("origin IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id")
    source: str = Field(max_length=8)
    origin: date | None = None
    what: str = Field(max_length=500)
    due_on: date
    sent_on: date | None = None
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by: str = Field(max_length=32)
    created_at: datetime = _ts()
