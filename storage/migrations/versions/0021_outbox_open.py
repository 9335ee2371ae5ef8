"""outbox: the open rows in id order, for claims

`outbox (id) WHERE status IN ('pending', 'sending')`: a claim reads the open rows oldest
first, a page at a time (storage/outbox_claim.py); done rows, which stay, are not in it.
Plain CREATE/DROP INDEX on both databases: no table copy.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("status IN ('pending', 'sending')")


def upgrade() -> None:
    op.create_index("ix_outbox_open", "outbox", ["id"], sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index("ix_outbox_open", table_name="outbox")
