"""digest: what a digest reads of activities and open deals, from indexes

- `activity (team_id, kind, at)` carries the deal and the ids of the stages left and
  entered: time in stage, conversion and closes read one range of the index, not the rows
  (~100k random row reads at 100k deals). The stages' names (from_value, to_value, up to
  500 characters each) stay out: PostgreSQL refuses an index row over 2,704 bytes; a row
  without stage ids (older history) is read for its names.
- `activity (deal_id, at)` carries the kind: the newest entry before a move, or a close or
  reopening after a close, is one seek into the deal's rows in time order. It took a seek
  per kind in `activity (deal_id, kind, at)`, which goes.
- `deal (team_id, close_date, number, stage_id, archived_at)`: the overdue deals (counted,
  the first listed in its order) and the deals whose close date just passed are a range of
  it; the open deals were read whole through ix_deal_team_stage for each.
- `deal (team_id, stage_id, owner_id, currency, archived_at, value_minor,
  stage_changed_at)`: the open deals' totals per stage, owner and currency, read in that
  order from the index (no rows, no sort). ix_deal_team_stage stays, narrower, for the
  lists that read the rows.

Plain CREATE/DROP INDEX on both databases: no table copy, so the search and last-activity
triggers stay as they are.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WINDOW = ["team_id", "kind", "at", "deal_id", "from_stage_id", "to_stage_id"]
DEAL = ["team_id", "close_date", "number", "stage_id", "archived_at"]
TOTALS = [
    "team_id",
    "stage_id",
    "owner_id",
    "currency",
    "archived_at",
    "value_minor",
    "stage_changed_at",
]


def upgrade() -> None:
    op.drop_index("ix_activity_team_kind_at", table_name="activity")
    op.create_index("ix_activity_team_kind_at", "activity", WINDOW)
    op.drop_index("ix_activity_deal_kind_at", table_name="activity")
    op.drop_index("ix_activity_deal_at", table_name="activity")
    op.create_index("ix_activity_deal_at", "activity", ["deal_id", "at", "kind"])
    op.create_index("ix_deal_team_close", "deal", DEAL)
    op.create_index("ix_deal_team_totals", "deal", TOTALS)


def downgrade() -> None:
    op.drop_index("ix_deal_team_totals", table_name="deal")
    op.drop_index("ix_deal_team_close", table_name="deal")
    op.drop_index("ix_activity_deal_at", table_name="activity")
    op.create_index("ix_activity_deal_at", "activity", ["deal_id", "at"])
    op.create_index("ix_activity_deal_kind_at", "activity", ["deal_id", "kind", "at"])
    op.drop_index("ix_activity_team_kind_at", table_name="activity")
    op.create_index("ix_activity_team_kind_at", "activity", ["team_id", "kind", "at"])
