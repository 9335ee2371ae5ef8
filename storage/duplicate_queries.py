"""Queries for the duplicate warning of /deal new. Every one takes a team_id."""

from sqlalchemy import text
from sqlmodel import Session, col, select

from storage.models import Deal
from storage.queries import hold_workspace
from storage.search_schema import KINDS

CANDIDATES = 200  # open deals a warning compares at most, newest first

# The open, live deals whose name (the search index's `name` texts) holds a word starting
# with one of the prefixes: an indexed lookup (FTS5 prefix index; GIN on PostgreSQL)
# instead of reading every open deal's name.
# On PostgreSQL the hits are MATERIALIZED first, whatever the statistics say: on a table
# never analyzed (autovacuum off, or a new deployment's first minutes) the planner
# otherwise walked every deal of the workspace and searched the index once per deal.
_NAMED = """
WITH h AS {materialized} ({match})
SELECT d.number, d.name FROM h
JOIN deal d ON d.id = h.deal JOIN stage st ON st.id = d.stage_id
WHERE h.doc % 8 = {name} AND d.team_id = :team AND st.kind = 'open' AND d.archived_at IS NULL
ORDER BY d.number DESC LIMIT :limit
"""


def open_deals_sharing(
    *, session: Session, team_id: str, prefixes: list[str], limit: int = CANDIDATES
) -> list[tuple[int, str]]:
    """(number, name) of the workspace's open deals with a name word that starts with one
    of the (folded) prefixes, newest first."""
    if not prefixes:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        q = "words : (" + " OR ".join(f'"{p}"*' for p in prefixes) + ")"
    else:
        q = " | ".join(f"'{p}':*" for p in prefixes)
    found = session.execute(_NAMED_IN[dialect], {"q": q, "team": team_id, "limit": limit})
    return [(n, name) for n, name in found.all()]


def _named(dialect: str):
    if dialect == "sqlite":
        match = "SELECT rowid AS doc, rowid / 8 AS deal FROM searchdoc WHERE searchdoc MATCH :q"
    else:
        match = (
            # The deal by its own column: a join on `id / 8` left PostgreSQL without a usable
            # estimate before the first ANALYZE (a nested loop over every deal).
            "SELECT id AS doc, deal_id AS deal FROM searchdoc "
            "WHERE team_id = :team AND words @@ to_tsquery('simple', :q)"
        )
    materialized = "" if dialect == "sqlite" else "MATERIALIZED"
    return text(_NAMED.format(materialized=materialized, match=match, name=KINDS["name"]))


# Built once (a text() is parsed for its parameters when it is made): every `/deal new`.
_NAMED_IN = {"sqlite": _named("sqlite"), "postgresql": _named("postgresql")}


def hold_numbers(*, session: Session, team_id: str) -> None:
    """Keep other deals from being created in the workspace until this unit of work ends.

    PostgreSQL: the workspace's advisory lock, alone (creating a deal holds it shared:
    queries.hold_workspace). SQLite writers already run one at a time.
    """
    hold_workspace(session=session, team_id=team_id, shared=False)


def created_since(
    *, session: Session, team_id: str, actor: str, after: int
) -> list[tuple[int, str]]:
    """(number, name) of the deals the actor created with numbers above `after`."""
    q = (
        select(Deal.number, Deal.name)
        .where(Deal.team_id == team_id, Deal.created_by == actor, col(Deal.number) > after)
        .order_by(col(Deal.number))
    )
    return [(n, name) for n, name in session.exec(q)]
