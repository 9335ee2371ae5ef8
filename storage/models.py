"""SQLModel tables. Every row of team data carries team_id; nothing is hard-deleted.

The tables live by subject (storage/workspace_tables.py, deal_tables.py, delivery_tables.py);
importing this module registers every one of them, slack_sdk's OAuth tables included, in
SQLModel.metadata (what the migrations compare against)."""

from storage import installations  # noqa: F401  (slack_sdk's OAuth tables, migration 0007)
from storage.deal_tables import (
    Activity,
    Collaborator,
    Company,
    Contact,
    Deal,
    DealCounter,
    Qualification,
    Reminder,
)
from storage.delivery_tables import (
    DigestRun,
    DigestSubscription,
    HandledEvent,
    NudgeRun,
    Outbox,
    SeenRequest,
)
from storage.workspace_tables import (
    ChannelLanguage,
    CurrencyRate,
    Member,
    RoleChange,
    SalesTeam,
    Stage,
    StageChange,
    UserSetting,
    Workspace,
)

__all__ = [
    "Activity",
    "ChannelLanguage",
    "Collaborator",
    "Company",
    "Contact",
    "CurrencyRate",
    "Deal",
    "DealCounter",
    "DigestRun",
    "DigestSubscription",
    "HandledEvent",
    "Member",
    "NudgeRun",
    "Outbox",
    "Qualification",
    "Reminder",
    "RoleChange",
    "SalesTeam",
    "SeenRequest",
    "Stage",
    "StageChange",
    "UserSetting",
    "Workspace",
]
