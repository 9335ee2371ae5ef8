"""closed and not reopened since: each close and reopening keeps the time of its deal's next
one (activity.next_close_at), filled from the history and kept by triggers on activity
(storage/next_close.py), and ix_activity_team_kind_at carries it, so the deals closed in a
period and not reopened since are a range of that index

add_column needs no batch copy on SQLite (the activity table's other triggers stay).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage import next_close
from storage.types import UTCDateTime

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# as 0024 made it
_KIND_AT = ["team_id", "kind", "at", "deal_id", "from_stage_id", "to_stage_id", "days_in_stage"]


def upgrade() -> None:
    op.add_column("activity", sa.Column("next_close_at", UTCDateTime(timezone=True), nullable=True))
    next_close.fill(op.get_bind())
    next_close.create_triggers(op.get_bind())
    op.drop_index("ix_activity_team_kind_at", table_name="activity")
    op.create_index("ix_activity_team_kind_at", "activity", [*_KIND_AT, "next_close_at"])


def downgrade() -> None:
    next_close.drop_triggers(op.get_bind())
    op.drop_index("ix_activity_team_kind_at", table_name="activity")
    op.create_index("ix_activity_team_kind_at", "activity", _KIND_AT)
    with op.batch_alter_table("activity", schema=None, recreate="never") as batch:
        batch.drop_column("next_close_at")
