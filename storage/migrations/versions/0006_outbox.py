"""outbox, seen requests, one activity per thread message

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("status = 'pending' AND coalesce_key IS NOT NULL")
REPLY = sa.text("message_ts IS NOT NULL")


def upgrade() -> None:
    op.create_table(
        "seenrequest",
        sa.Column("signature", sa.String(length=80), nullable=False),
        sa.Column("request_ts", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("signature"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("coalesce_key", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("uncertain", sa.Boolean(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("due_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("lease_until", storage.types.UTCDateTime(), nullable=True),
        sa.Column("done_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("result_ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "due_at"])
    op.create_index("ix_outbox_deal", "outbox", ["deal_id", "id"])
    op.create_index(
        "ux_outbox_coalesce",
        "outbox",
        ["coalesce_key"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )
    # A thread reply stored twice (two deliveries with different event ids) stays once:
    # the later copies are marked deleted before the unique index is built.
    op.execute(
        "UPDATE activity SET message_ts = NULL, deleted_at = at WHERE message_ts IS NOT NULL "
        "AND id NOT IN (SELECT min(id) FROM activity WHERE message_ts IS NOT NULL "
        "GROUP BY deal_id, message_ts)"
    )
    op.create_index(
        "ux_activity_deal_message",
        "activity",
        ["deal_id", "message_ts"],
        unique=True,
        sqlite_where=REPLY,
        postgresql_where=REPLY,
    )


def downgrade() -> None:
    op.drop_index("ux_activity_deal_message", table_name="activity")
    op.drop_index("ux_outbox_coalesce", table_name="outbox")
    op.drop_index("ix_outbox_deal", table_name="outbox")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("seenrequest")
