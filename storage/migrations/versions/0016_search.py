"""search: the searchdoc index (FTS5 on SQLite, tsvector + GIN on PostgreSQL), its triggers,
and every existing deal name, next step, company, contact and note indexed

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

from storage import search_schema

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A company's or contact's match is a match of each of its deals.
    op.create_index("ix_deal_team_company", "deal", ["team_id", "company_id"])
    search_schema.create(op.get_bind())


def downgrade() -> None:
    search_schema.drop(op.get_bind())
    op.drop_index("ix_deal_team_company", table_name="deal")
