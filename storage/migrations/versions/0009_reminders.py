"""reminders: follow-ups on a day (Keep nurturing's date, a next step's due date, /deal remind)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("origin", sa.Date(), nullable=True),
        sa.Column("what", sa.String(length=500), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("done_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reminder_team_due", "reminder", ["team_id", "due_on"])
    op.create_index(
        "ux_reminder_origin",
        "reminder",
        ["deal_id", "source", "origin"],
        unique=True,
        sqlite_where=sa.text("origin IS NOT NULL"),
        postgresql_where=sa.text("origin IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ux_reminder_origin", table_name="reminder")
    op.drop_index("ix_reminder_team_due", table_name="reminder")
    op.drop_table("reminder")
