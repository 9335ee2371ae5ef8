"""roles and sales teams: salesteam, member, rolechange, workspace.open_editing

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch:
        batch.add_column(
            sa.Column("open_editing", sa.Boolean(), server_default="0", nullable=False)
        )
    op.create_table(
        "salesteam",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "name_key"),
    )
    op.create_index("ix_salesteam_team_id", "salesteam", ["team_id"])
    op.create_table(
        "member",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("sales_team_id", sa.Integer(), nullable=True),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("set_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sales_team_id"], ["salesteam.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("team_id", "user_id"),
    )
    op.create_index("ix_member_team_sales_team", "member", ["team_id", "sales_team_id"])
    op.create_table(
        "rolechange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.String(length=32), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=True),
        sa.Column("from_value", sa.String(length=200), nullable=True),
        sa.Column("to_value", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rolechange_team_at", "rolechange", ["team_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_rolechange_team_at", table_name="rolechange")
    op.drop_table("rolechange")
    op.drop_index("ix_member_team_sales_team", table_name="member")
    op.drop_table("member")
    op.drop_index("ix_salesteam_team_id", table_name="salesteam")
    op.drop_table("salesteam")
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch:
        batch.drop_column("open_editing")
