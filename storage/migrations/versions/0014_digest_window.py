"""digest window length: workspace.digest_window_days (the scheduled digest's metrics)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch:
        batch.add_column(
            sa.Column("digest_window_days", sa.Integer(), server_default="90", nullable=False)
        )


def downgrade() -> None:
    # SQLite 3.35+ drops the column in place: no table copy for the foreign keys to refuse.
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch:
        batch.drop_column("digest_window_days")
