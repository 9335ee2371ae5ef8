"""workspace.settings_stamp: a random number every write to the workspace or its stages
changes (triggers, storage/workspace_stamp.py), so each process can keep the workspace and
its stages in memory and check one number instead of reading them on every command

add_column needs no batch copy on SQLite (the workspace and stage tables keep their rows
and the other triggers stay as they are); existing workspaces get a stamp now.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage import workspace_stamp

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "workspace",
        sa.Column("settings_stamp", sa.BigInteger(), nullable=False, server_default="0"),
    )
    workspace_stamp.create_triggers(op.get_bind())
    op.execute("UPDATE workspace SET name = name")  # each gets its first stamp


def downgrade() -> None:
    workspace_stamp.drop_triggers(op.get_bind())
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch:
        batch.drop_column("settings_stamp")
