"""quiet deals from an index: `deal (team_id, stage_id, coalesce(last_activity_at,
created_at), number, archived_at, snoozed_until)`, on PostgreSQL with the two dates as
included columns (an index-only scan needs the columns an expression reads), so that the
quiet deals of each stage are counted from a range of it and its quietest come first in it
(digest_lists.stale), where the open stages' deals were read whole and sorted

Plain CREATE/DROP INDEX on both databases: no table copy, so the triggers stay as they are.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_deal_team_quiet",
        "deal",
        ["team_id", "stage_id", sa.text("coalesce(last_activity_at, created_at)"), "number",
         "archived_at", "snoozed_until"],
        postgresql_include=["last_activity_at", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_deal_team_quiet", table_name="deal")
