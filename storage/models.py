"""SQLModel tables. Every row of team data carries team_id; nothing is hard-deleted."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


def _ts(**kw) -> Field:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, **kw)


class Workspace(SQLModel, table=True):
    """A Slack workspace (team) and its settings."""

    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    currency: str = Field(default="USD", max_length=3)
    pipeline_template: str = Field(default="generic", max_length=40)
    deal_seq: int = Field(default=0)
    created_at: datetime = _ts()


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


class Deal(SQLModel, table=True):
    """An opportunity, numbered per workspace and shown as #N."""

    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        Index("ix_deal_team_stage", "team_id", "stage_id"),
        Index("ix_deal_team_owner", "team_id", "owner_id"),
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


class Activity(SQLModel, table=True):
    """One change to a deal: append-only, who, when, what, from, to."""

    __table_args__ = (
        Index("ix_activity_deal_at", "deal_id", "at"),
        Index("ix_activity_team_at", "team_id", "at"),
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


class Collaborator(SQLModel, table=True):
    """A teammate tagged on a deal."""

    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    deal_id: int = Field(foreign_key="deal.id", primary_key=True)
    user_id: str = Field(primary_key=True, max_length=32)
    added_by: str = Field(max_length=32)
    reason: str | None = Field(default=None, max_length=500)
    added_at: datetime = _ts()
