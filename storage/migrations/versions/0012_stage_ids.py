"""stage ids in history: activity.from_stage_id/to_stage_id, and the stagechange log

A stage move's activity named its stages only (from_value/to_value), so a renamed stage
left history naming a stage that no longer exists. The new columns point at the stage
row; the names stay as they were then. Existing rows are matched by workspace and name
(an active stage first, then the oldest); a name no stage has keeps its text and NULL.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGE_KINDS = "('created', 'moved', 'won', 'lost', 'reopened')"
COLUMNS = (("from_stage_id", "from_value"), ("to_stage_id", "to_value"))


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, _ in COLUMNS:
        if sqlite:  # SQLite adds a column with its reference in place (no table rebuild)
            op.execute(f"ALTER TABLE activity ADD COLUMN {column} INTEGER REFERENCES stage (id)")
        else:
            op.add_column("activity", sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(f"fk_activity_{column}", "activity", "stage", [column], ["id"])
    for column, value in COLUMNS:
        op.execute(
            f"UPDATE activity SET {column} = ("
            "SELECT stage.id FROM stage WHERE stage.team_id = activity.team_id "
            f"AND stage.name = activity.{value} "
            "ORDER BY CASE WHEN stage.active THEN 0 ELSE 1 END, stage.id LIMIT 1) "
            f"WHERE kind IN {STAGE_KINDS} AND {value} IS NOT NULL"
        )
    op.create_table(
        "stagechange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.String(length=32), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("from_value", sa.String(length=500), nullable=True),
        sa.Column("to_value", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["stage_id"], ["stage.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["workspace.team_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stagechange_team_at", "stagechange", ["team_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_stagechange_team_at", table_name="stagechange")
    op.drop_table("stagechange")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops no column a reference uses: the table is rebuilt without them.
        with op.batch_alter_table("activity", recreate="always") as batch:
            for column, _ in COLUMNS:
                batch.drop_column(column)
        return
    for column, _ in COLUMNS:
        op.drop_constraint(f"fk_activity_{column}", "activity", type_="foreignkey")
        op.drop_column("activity", column)
