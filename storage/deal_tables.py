"""Deals and what hangs on them: accounts and contacts, history, collaborators, BANT checks,
reminders, and the per-workspace deal numbers."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime
from storage.workspace_tables import timestamp

# Since when a deal has been quiet: its newest activity, or its creation without any
# (digest_lists.quiet_since says it in SQLAlchemy, the same expression, for the index).
QUIET_SINCE = text("coalesce(last_activity_at, created_at)")


class Company(SQLModel, table=True):
    """An account: a company with contacts and deals."""

    __table_args__ = (UniqueConstraint("team_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, description="name folded for matching")
    created_at: datetime = timestamp()


class Contact(SQLModel, table=True):
    """A person at a company."""

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", index=True, max_length=32)
    company_id: int = Field(foreign_key="company.id", index=True)
    name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254)
    title: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=40)
    created_at: datetime = timestamp()
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
        Index(  # quiet deals: each stage's counted and its quietest first, from the index (0026)
            "ix_deal_team_quiet", "team_id", "stage_id", QUIET_SINCE, "number", "archived_at",
            "snoozed_until", postgresql_include=["last_activity_at", "created_at"],
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
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()
    stage_changed_at: datetime = timestamp()
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
        Index(  # digests read by kind, from the index (0020; days_in_stage 0024; 0025)
            "ix_activity_team_kind_at", "team_id", "kind", "at", "deal_id", "from_stage_id",
            "to_stage_id", "days_in_stage", "next_close_at",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id")
    actor_id: str = Field(max_length=32)
    at: datetime = timestamp()
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
    # On a move out (moved, won, lost): the days the deal spent in the stage it left, kept
    # by triggers (storage/days_in_stage.py, migration 0024); NULL on other kinds.
    days_in_stage: float | None = None
    # On a close or reopening (won, lost, reopened): the time of the deal's next one, NULL
    # when none follows; kept by triggers (storage/next_close.py, migration 0025).
    next_close_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Collaborator(SQLModel, table=True):
    """A teammate tagged on a deal."""

    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id", primary_key=True)
    user_id: str = Field(primary_key=True, max_length=32)
    added_by: str = Field(max_length=32)
    reason: str | None = Field(default=None, max_length=500)
    added_at: datetime = timestamp()


class Qualification(SQLModel, table=True):
    """One BANT check of a deal: append-only; who asked, when, each answer and the verdict."""

    __table_args__ = (Index("ix_qualification_team_deal_at", "team_id", "deal_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id")
    asked_by: str = Field(max_length=32)
    at: datetime = timestamp()
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
    created_at: datetime = timestamp()
