"""time in stage: each move out of a stage (moved, won, lost) keeps the days the deal spent
in the stage it left (activity.days_in_stage), filled from the history and kept by triggers
on activity (storage/days_in_stage.py), and ix_activity_team_kind_at carries it, so the
digest's stage durations are summed from that index alone

add_column needs no batch copy on SQLite (the activity table's other triggers stay).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage import days_in_stage

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KIND_AT = ["team_id", "kind", "at", "deal_id", "from_stage_id", "to_stage_id"]  # as 0020 made it


def upgrade() -> None:
    op.add_column("activity", sa.Column("days_in_stage", sa.Float(), nullable=True))
    days_in_stage.fill(op.get_bind())
    days_in_stage.create_triggers(op.get_bind())
    op.drop_index("ix_activity_team_kind_at", table_name="activity")
    op.create_index("ix_activity_team_kind_at", "activity", [*_KIND_AT, "days_in_stage"])


def downgrade() -> None:
    days_in_stage.drop_triggers(op.get_bind())
    op.drop_index("ix_activity_team_kind_at", table_name="activity")
    op.create_index("ix_activity_team_kind_at", "activity", _KIND_AT)
    with op.batch_alter_table("activity", schema=None, recreate="never") as batch:
        batch.drop_column("days_in_stage")
