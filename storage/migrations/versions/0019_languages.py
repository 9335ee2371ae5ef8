"""languages: a channel's and a workspace's language (issue 16)

channel_language holds what `/deal language fi` sets in a channel; workspace.language is the
default of channels that set none (None: English). The language never changes stored data.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channellanguage",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("team_id", "channel_id"),
    )
    # Plain ADD COLUMN on both databases: no table copy (and no search triggers to redo).
    op.add_column("workspace", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("workspace", sa.Column("language_set_by", sa.String(length=32), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops the columns in place: no table copy for the foreign keys to refuse.
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch:
        batch.drop_column("language_set_by")
        batch.drop_column("language")
    op.drop_table("channellanguage")
