"""rates: workspace.currency_set_by/at, currencyrate, digestsubscription.max_value_minor

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch:
        batch.add_column(sa.Column("currency_set_by", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("currency_set_at", storage.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("digestsubscription", schema=None) as batch:
        batch.add_column(sa.Column("max_value_minor", sa.BigInteger(), nullable=True))
    op.create_table(
        "currencyrate",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.String(length=40), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("set_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("team_id", "currency"),
    )


def downgrade() -> None:
    op.drop_table("currencyrate")
    with op.batch_alter_table("digestsubscription", schema=None, recreate="never") as batch:
        batch.drop_column("max_value_minor")
    with op.batch_alter_table("workspace", schema=None, recreate="never") as batch:
        batch.drop_column("currency_set_at")
        batch.drop_column("currency_set_by")
