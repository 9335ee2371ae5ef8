"""Queries for the duplicate warning of /deal new. Every one takes a team_id."""

from functools import cache

from sqlalchemy import text
from sqlmodel import Session, col, select

from storage.models import Deal
from storage.queries import hold_workspace
from storage.search_schema import KINDS

CANDIDATES = 200  # open deals a warning compares at most
PER_WORD = 200  # deal names a word's prefix brings at most, newest first

# The open, live deals whose name (the search index's `name` texts) holds a word starting
# with one of the prefixes: an indexed lookup (FTS5 prefix index; GIN on PostgreSQL)
# instead of reading every open deal's name. Each prefix brings its newest PER_WORD names
# only: a word most names share (SRL, Oy, SA, Deal) would otherwise bring every deal of
# the workspace, and the lookup would grow with it (bench/duplicate_lookup.py). The names
# sharing the rarest prefixes come first (each prefix counts one over the names it
# brought), so a duplicate is found by its rarer words; one whose every word is that
# common is found among the newest names only.
# On PostgreSQL the hits are MATERIALIZED first and each deal is read LATERAL from them,
# by its id alone (OFFSET 0 keeps the planner from flattening the lookup or pushing the
# other conditions into it): on tables never analyzed (autovacuum off, a new deployment's
# first minutes, the minute after an import) the planner took them for empty, walked
# every deal of the workspace and scanned the hits once per deal.
_NAMED = {
    "sqlite": """
WITH h AS (SELECT deal, sum(1.0 / hits) AS shared FROM ({hits}) GROUP BY deal)
SELECT d.number, d.name FROM h
JOIN deal d ON d.id = h.deal JOIN stage st ON st.id = d.stage_id
WHERE d.team_id = :team AND st.kind = 'open' AND d.archived_at IS NULL
ORDER BY h.shared DESC, d.number DESC LIMIT :limit
""",
    "postgresql": """
WITH h AS MATERIALIZED (
  SELECT deal, sum(1.0 / hits) AS shared FROM ({hits}) AS u GROUP BY deal
)
SELECT d.number, d.name FROM h CROSS JOIN LATERAL (
  SELECT d.number, d.name, d.team_id, d.archived_at, st.kind FROM deal d
  JOIN stage st ON st.id = d.stage_id WHERE d.id = h.deal OFFSET 0
) d
WHERE d.team_id = :team AND d.kind = 'open' AND d.archived_at IS NULL
ORDER BY h.shared DESC, d.number DESC LIMIT :limit
""",
}
# One prefix's newest name texts. FTS5 reads its doclist backwards and stops at the
# PER_WORD-th; SQLite's are every workspace's (its team_id is not indexed, and reading it
# for each hit cost as much as the rest of the lookup): a word common in another workspace
# of the same SQLite file counts as common here too.
_HIT = {
    "sqlite": "SELECT rowid / 8 AS deal FROM searchdoc WHERE searchdoc MATCH :q{i} "
    "AND rowid % 8 = {name} ORDER BY rowid DESC LIMIT :per_word",
    "postgresql": "SELECT deal_id AS deal FROM searchdoc WHERE team_id = :team "
    "AND words @@ to_tsquery('simple', :q{i}) AND id % 8 = {name} "
    "ORDER BY id DESC LIMIT :per_word",
}


def open_deals_sharing(
    *, session: Session, team_id: str, prefixes: list[str], limit: int = CANDIDATES
) -> list[tuple[int, str]]:
    """(number, name) of the workspace's open deals with a name word that starts with one
    of the (folded) prefixes: those sharing the rarest of them first, then the newest."""
    if not prefixes:
        return []
    dialect = session.get_bind().dialect.name
    form = 'words : "{}"*' if dialect == "sqlite" else "'{}':*"  # FTS5 / tsquery prefix
    params = {f"q{i}": form.format(p) for i, p in enumerate(prefixes)}
    params.update(team=team_id, limit=limit, per_word=PER_WORD)
    found = session.execute(_named(dialect, len(prefixes)), params)
    return [(n, name) for n, name in found.all()]


@cache
def _named(dialect: str, words: int):
    """The lookup for so many prefixes, built once (a text() is parsed for its parameters
    when it is made: every `/deal new`)."""
    n = KINDS["name"]
    hits = " UNION ALL ".join(
        f"SELECT deal, count(*) OVER () AS hits FROM ({_HIT[dialect].format(i=i, name=n)})"
        + ("" if dialect == "sqlite" else f" AS w{i}")
        for i in range(words)
    )
    return text(_NAMED[dialect].format(hits=hits))


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
