"""deal numbers from a counter row of their own (`dealcounter`), not the workspace row

Numbering a deal used to update `workspace.deal_seq`, locking the workspace row until
the creating transaction committed; the counter now lives in `dealcounter`, one row per
workspace, taken by one upsert (storage/number_queries.py).

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dealcounter",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("last_number", sa.Integer(), nullable=False),
    )
    op.execute(
        "INSERT INTO dealcounter (team_id, last_number) SELECT team_id, deal_seq FROM workspace"
    )
    op.drop_column("workspace", "deal_seq")  # SQLite 3.35+ drops it in place


def downgrade() -> None:
    op.add_column(
        "workspace",
        sa.Column("deal_seq", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute(
        "UPDATE workspace SET deal_seq = coalesce((SELECT c.last_number FROM dealcounter c "
        "WHERE c.team_id = workspace.team_id), 0)"
    )
    op.drop_table("dealcounter")
