"""A workspace's tables: its settings, people, sales teams, rates, channel languages and
pipeline stages. Every row of team data carries team_id; nothing is hard-deleted."""

from datetime import datetime

from sqlalchemy import BigInteger, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


def timestamp(**kw) -> Field:
    """A UTC time that defaults to now (the tables of storage/deal_tables.py and
    storage/delivery_tables.py use it too)."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kw)


class Workspace(SQLModel, table=True):
    """A Slack workspace (team) and its settings."""

    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    currency: str = Field(default="USD", max_length=3)
    pipeline_template: str = Field(default="generic", max_length=40)
    created_at: datetime = timestamp()
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
    created_at: datetime = timestamp()


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
    set_at: datetime = timestamp()


class RoleChange(SQLModel, table=True):
    """Append-only record of role, team and access changes: who, when, what."""

    __table_args__ = (Index("ix_rolechange_team_at", "team_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    actor_id: str = Field(max_length=32)
    at: datetime = timestamp()
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
    set_at: datetime = timestamp()


class ChannelLanguage(SQLModel, table=True):
    """The language a channel's cards, thread lines and digests speak (`/deal language fi`)."""

    team_id: str = Field(foreign_key="workspace.team_id", primary_key=True, max_length=32)
    channel_id: str = Field(primary_key=True, max_length=32)
    language: str = Field(max_length=8)
    set_by: str = Field(max_length=32)
    set_at: datetime = timestamp()


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
    at: datetime = timestamp()
    kind: str = Field(max_length=20, description="renamed, probability, quiet, added, ...")
    from_value: str | None = Field(default=None, max_length=500)
    to_value: str | None = Field(default=None, max_length=500)
