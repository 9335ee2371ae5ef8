"""`/deal find`: ranked matches in the search index (storage/search_schema.py), per deal.

A text matches when it holds every word (the last one also as the start of a word). A
deal's hit is its best text: its name above its company, a contact, its next step, then a
note. Deals rank by that, then by how many of their texts matched, then open deals first,
then the newest. A company's or contact's text is a hit of every deal of that company.
(bm25 or ts_rank were left out: on a common word they cost more than the whole match.)
"""

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, col, select

from storage.models import Activity, Company, Contact, Deal, Stage
from storage.search_schema import KINDS

KIND_OF = {code: kind for kind, code in KINDS.items()}
WEIGHT = {"name": 5, "company": 4, "contact": 3, "next": 2, "note": 1}


@dataclass
class Hit:
    """A deal found, the text of its best match (`kind`, `ref` id) and how many matched."""

    deal_id: int
    kind: str
    ref: int
    places: int


def _match(dialect: str, words: list[str]) -> tuple[str, str]:
    """The matching texts' ids, and the query (every word quoted; the last one a prefix).

    SQLite reads only FTS5's rowids (reading a column of each match costs more than the
    match itself); the workspace is checked on the deals they lead to.
    """
    if dialect == "sqlite":
        q = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        return "SELECT rowid AS doc FROM searchdoc WHERE searchdoc MATCH :q", q.strip()
    q = " & ".join([*(f"'{w}'" for w in words[:-1]), f"'{words[-1]}':*"])
    return (
        "SELECT id AS doc FROM searchdoc "
        "WHERE team_id = :team AND words @@ to_tsquery('simple', :q)",
        q,
    )


_WEIGHTS = " ".join(f"WHEN {KINDS[k]} THEN {w}" for k, w in WEIGHT.items())
_K = KINDS
# A deal's best text in one number, `weight * _SPAN - doc` (ids stay below _SPAN): the
# highest is the best kind, and the first text of it; one GROUP BY instead of two windows.
_SPAN = 2**45

# Company and contact matches lead to the company's deals through one join, first: SQLite's
# planner otherwise builds a Bloom filter over every deal for a handful of matches.
_RANKED = f"""
WITH hits AS MATERIALIZED ({{match}}),
companies AS MATERIALIZED (
  SELECT doc, doc / 8 AS company_id FROM hits WHERE doc % 8 = {_K["company"]}
  UNION ALL
  SELECT h.doc, c.company_id FROM hits h JOIN contact c ON c.id = h.doc / 8
  WHERE h.doc % 8 = {_K["contact"]}
),
found AS (
  SELECT d.id AS deal_id, o.doc FROM companies o CROSS JOIN deal d
  WHERE d.team_id = :team AND d.company_id = o.company_id
  UNION ALL
  SELECT a.deal_id, h.doc FROM hits h JOIN activity a ON a.id = h.doc / 8
  WHERE h.doc % 8 = {_K["note"]}
  UNION ALL
  SELECT h.doc / 8, h.doc FROM hits h WHERE h.doc % 8 IN ({_K["name"]}, {_K["next"]})
),
best AS (
  SELECT deal_id, max((CASE doc % 8 {_WEIGHTS} ELSE 0 END) * {_SPAN} - doc) AS k,
    count(*) AS places
  FROM found GROUP BY deal_id
)
SELECT b.deal_id, b.k, b.places, count(*) OVER () AS total
FROM best b JOIN deal d ON d.id = b.deal_id JOIN stage st ON st.id = d.stage_id
WHERE d.team_id = :team AND (d.archived_at IS NULL OR :archived)
ORDER BY b.k / {_SPAN} DESC, b.places DESC, CASE WHEN st.kind = 'open' THEN 0 ELSE 1 END,
  d.number DESC
LIMIT :limit OFFSET :offset
"""


def find(
    *, session: Session, team_id: str, words: list[str], archived: bool, offset: int, limit: int
) -> tuple[list[Hit], int]:
    """One page of the deals whose texts hold every word, best first, and how many in all."""
    match, q = _match(session.get_bind().dialect.name, words)
    sql = text(_RANKED.format(match=match))
    args = {"q": q, "team": team_id, "archived": archived, "limit": limit, "offset": offset}
    rows = session.execute(sql, args).all()
    if not rows and offset:
        rows = session.execute(sql, {**args, "offset": 0, "limit": 1}).all()
        return [], rows[0].total if rows else 0
    docs = [(r.k // _SPAN + 1) * _SPAN - r.k for r in rows]
    hits = [
        Hit(r.deal_id, KIND_OF[d % 8], d // 8, r.places) for r, d in zip(rows, docs, strict=True)
    ]
    return hits, rows[0].total if rows else 0


def deals_of(*, session: Session, team_id: str, ids: list[int]) -> dict[int, Deal]:
    """The workspace's deals by id."""
    # By id alone (SQLite would rather walk the workspace's deals by a team_id index);
    # the workspace is checked on the rows.
    q = select(Deal).where(col(Deal.id).in_(ids))
    return {d.id: d for d in session.exec(q) if d.team_id == team_id}


def all_stages(*, session: Session, team_id: str) -> dict[int, Stage]:
    """Every stage of the workspace, retired ones too, by id."""
    return {s.id: s for s in session.exec(select(Stage).where(Stage.team_id == team_id))}


def sources(*, session: Session, team_id: str, hits: list[Hit]) -> dict[tuple[str, int], object]:
    """The company, contact or activity each hit's text came from, by (kind, ref)."""
    out: dict[tuple[str, int], object] = {}
    for kind, model in (("company", Company), ("contact", Contact), ("note", Activity)):
        ids = [h.ref for h in hits if h.kind == kind]
        if ids:
            q = select(model).where(col(model.id).in_(ids))  # by id alone, as deals_of
            out.update({(kind, r.id): r for r in session.exec(q) if r.team_id == team_id})
    return out
