"""imports: deal.external_id, the id a CSV import keys its rows by (unique per workspace)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deal") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=100), nullable=True))
    op.create_index("ux_deal_team_external_id", "deal", ["team_id", "external_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_deal_team_external_id", table_name="deal")
    with op.batch_alter_table("deal", recreate="never") as batch:
        batch.drop_column("external_id")
