"""`/deal find <words>`: deals found by their name, company, contacts, next step and notes.

The words are folded as the index folds its texts (storage/search_text.py): accents and
case do not matter, in any script; punctuation only separates words, so `%`, `_`, `*` and
quotes are never operators. Archived deals are left out unless the search starts with
`all`. The domain answers with facts; the Slack layer words them.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.deals.service import DealView
from storage import search_queries as found
from storage.models import Activity, Contact, Deal
from storage.search_text import fold
from storage.search_text import words as folded_words

PAGE = 10  # deals a page
MAX_CHARS = 200  # longer is no search: a pasted paragraph, a token
MAX_WORDS = 8


@dataclass
class Match:
    """Where a deal matched: `kind` is name, company, contact, next or note; `text` is that
    text as stored; a note has its author, time and kind (note or reply)."""

    kind: str
    text: str
    actor: str | None = None
    at: datetime | None = None
    note_kind: str | None = None


@dataclass
class Found:
    """A deal found, its best match, and how many of its texts matched."""

    view: DealView
    match: Match
    places: int


@dataclass
class Results:
    """One page of what a search found."""

    query: str
    words: list[str]
    archived: bool
    hits: list[Found] = field(default_factory=list)
    total: int = 0
    offset: int = 0


def folded(text: str) -> str:
    """A text as the index folds it (for showing which words matched)."""
    return fold(text)


def parse(text: str) -> tuple[str, bool]:
    """The words to find, and whether archived deals count (`all acme` includes them)."""
    query = " ".join(text.split())
    head, _, rest = query.partition(" ")
    if head.lower() == "all" and rest:
        return rest, True
    return query, False


def check(query: str) -> list[str]:
    """The folded words of a search, or why there is none (InvalidInput)."""
    if not query:
        raise InvalidInput("find_empty")
    if len(query) > MAX_CHARS:
        raise InvalidInput("find_too_long", text=query, length=len(query), limit=MAX_CHARS)
    terms = folded_words(query)
    if not terms:
        raise InvalidInput("find_no_words", text=query)
    if len(terms) > MAX_WORDS:
        raise InvalidInput("find_too_many_words", text=query, count=len(terms), limit=MAX_WORDS)
    return terms


def find(*, session: Session, team_id: str, text: str, offset: int = 0) -> Results:
    """A page of deals found by the words of `text`, best first."""
    query, archived = parse(text)
    terms = check(query)
    hits, total = found.find(
        session=session,
        team_id=team_id,
        words=terms,
        archived=archived,
        offset=offset,
        limit=PAGE,
    )
    results = Results(query=query, words=terms, archived=archived, total=total, offset=offset)
    if not hits:
        return results
    deals = found.deals_of(session=session, team_id=team_id, ids=[h.deal_id for h in hits])
    stages = found.all_stages(session=session, team_id=team_id)
    open_stages = sorted((s for s in stages.values() if s.active), key=lambda s: s.position)
    rows = found.sources(session=session, team_id=team_id, hits=hits)
    for h in hits:
        deal = deals.get(h.deal_id)
        if deal is None:  # never: the ids come from this workspace's matches
            continue
        view = DealView(deal=deal, stage=stages[deal.stage_id], stages=open_stages)
        results.hits.append(Found(view, _match(h, deal, rows.get((h.kind, h.ref))), h.places))
    return results


def _match(hit: found.Hit, deal: Deal, row: object) -> Match:
    if hit.kind == "name":
        return Match("name", deal.name)
    if hit.kind == "next":
        return Match("next", deal.next_step or "")
    if isinstance(row, Contact):
        parts = [row.name, row.title, row.email]
        return Match("contact", ", ".join(p for p in parts if p))
    if isinstance(row, Activity):
        return Match("note", row.note or "", row.actor_id, row.at, row.kind)
    return Match(hit.kind, getattr(row, "name", "") or "")
