"""digest: each deal's last activity time kept on the deal (deal.last_activity_at), filled from
its history, kept by triggers on activity; activity (deal_id, kind, at) for stage durations

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types
from storage import last_activity

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # add_column needs no batch copy on SQLite (so the search triggers stay as they are).
    op.add_column("deal", sa.Column("last_activity_at", storage.types.UTCDateTime(), nullable=True))
    last_activity.fill(op.get_bind())
    # No index of its own: the quiet-deals query reads the open stages' deals once by
    # ix_deal_team_stage; an index (team_id, stage_id, last_activity_at) was measured to
    # take that index's place in every open-stage aggregate of the digest, reading the deals
    # in time order instead of row order (twice the time at 100k deals on SQLite).
    last_activity.create_triggers(op.get_bind())
    # A deal's activities of some kinds (its stage entries before a move, its closes and
    # reopenings after a close) without walking its notes: the digest's stage durations.
    op.create_index("ix_activity_deal_kind_at", "activity", ["deal_id", "kind", "at"])


def downgrade() -> None:
    op.drop_index("ix_activity_deal_kind_at", table_name="activity")
    last_activity.drop_triggers(op.get_bind())
    with op.batch_alter_table("deal", schema=None, recreate="never") as batch:
        batch.drop_column("last_activity_at")
