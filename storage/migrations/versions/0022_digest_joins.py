"""digest: the deals joined to the window's activities, and the entry lookups, from indexes

- `deal (team_id, id, archived_at, owner_id, currency, value_minor, created_at)`: the
  window's closes (per owner and currency, days from creation) and the deals created in it
  join the deal by id; PostgreSQL hashed every deal row (a scan of the table, ~450 bytes a
  row) for each, and now reads this index alone (100k deals: closes 59 -> 34 ms, furthest
  stage 118 -> 101 ms). SQLite looks the deals up by rowid either way.
- `activity (deal_id, at, kind, id)` replaces `(deal_id, at, kind)`: the newest entry
  before a move compares ids on ties, so PostgreSQL read each row the lookup reached (45k
  at 100k deals); with the id the lookup reads the index alone (stage days 110 -> 90 ms).
  SQLite's indexes carry the rowid already.

Plain CREATE/DROP INDEX on both databases: no table copy, so the search and last-activity
triggers stay as they are.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JOIN = ["team_id", "id", "archived_at", "owner_id", "currency", "value_minor", "created_at"]


def upgrade() -> None:
    op.drop_index("ix_activity_deal_at", table_name="activity")
    op.create_index("ix_activity_deal_at", "activity", ["deal_id", "at", "kind", "id"])
    op.create_index("ix_deal_team_join", "deal", JOIN)


def downgrade() -> None:
    op.drop_index("ix_deal_team_join", table_name="deal")
    op.drop_index("ix_activity_deal_at", table_name="activity")
    op.create_index("ix_activity_deal_at", "activity", ["deal_id", "at", "kind"])
