"""team selling

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handledevent",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "usersetting",
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("notify", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspace.team_id"],
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id"),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch_op.add_column(
            sa.Column("deleted_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index("ix_activity_team_message", ["team_id", "message_ts"], unique=False)


def downgrade() -> None:
    # Columns are dropped in place (SQLite 3.35+): rebuilding a table that other tables
    # point to fails with foreign keys on as soon as there is data.
    with op.batch_alter_table("activity", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_activity_team_message")
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("message_ts")

    op.drop_table("usersetting")
    op.drop_table("handledevent")
