"""archive and consent: deal.archived_at (/deal archive), contact.marketing_consent

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch:
        batch.add_column(sa.Column("archived_at", storage.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("contact", schema=None) as batch:
        batch.add_column(sa.Column("marketing_consent", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None, recreate="never") as batch:
        batch.drop_column("marketing_consent")
    with op.batch_alter_table("deal", schema=None, recreate="never") as batch:
        batch.drop_column("archived_at")
