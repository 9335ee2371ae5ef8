"""digest filter by sales team: digestsubscription.sales_team_filter

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("digestsubscription", schema=None) as batch:
        batch.add_column(sa.Column("sales_team_filter", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("digestsubscription", schema=None, recreate="never") as batch:
        batch.drop_column("sales_team_filter")
