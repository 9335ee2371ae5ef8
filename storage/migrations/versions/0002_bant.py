"""BANT qualification: the qualification table, deal follow-up/temperature/qualified, rule settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "qualification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("asked_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("budget", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("budget_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("authority", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("authority_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("need", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("need_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("timeline", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("timeline_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("qualified", sa.Boolean(), nullable=False),
        sa.Column("temperature", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("qualification", schema=None) as batch_op:
        batch_op.create_index(
            "ix_qualification_team_deal_at", ["team_id", "deal_id", "at"], unique=False
        )
    # Plain string server defaults: SQLite then adds the columns with ALTER TABLE ... ADD
    # COLUMN instead of copying the table ('0' reads as false on SQLite and PostgreSQL).
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("temperature", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
        )
        batch_op.add_column(sa.Column("qualified", sa.Boolean(), nullable=True))
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("qualify_threshold", sa.Integer(), server_default="3", nullable=False)
        )
        batch_op.add_column(
            sa.Column("strict_qualification", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # recreate="never": SQLite (3.35+) drops these columns in place. Copying the table
    # instead would drop `deal` and `workspace`, which other tables reference, and fail
    # under foreign keys as soon as there is data.
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("strict_qualification")
        batch_op.drop_column("qualify_threshold")
    with op.batch_alter_table("deal", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("qualified")
        batch_op.drop_column("temperature")
        batch_op.drop_column("follow_up")
    with op.batch_alter_table("qualification", schema=None) as batch_op:
        batch_op.drop_index("ix_qualification_team_deal_at")
    op.drop_table("qualification")
