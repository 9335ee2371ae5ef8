"""Lists of deals, a page at a time."""

from dataclasses import dataclass

from sqlmodel import Session

from bot.deals import DealView
from bot.errors import InvalidInput
from bot.workspaces import ensure_workspace
from storage import queries

PAGE = 25


@dataclass
class Page:
    """One page of a list of deals."""

    title: str
    views: list[DealView]
    total: int
    offset: int


def offset(rest: str) -> int:
    """The offset asked for by `page N` (or a bare offset from a Next page button)."""
    words = rest.split()
    if not words:
        return 0
    if words[0] == "page" and len(words) == 2 and words[1].isdigit() and int(words[1]) > 0:
        return (int(words[1]) - 1) * PAGE
    raise InvalidInput("Try `/deal list` or `/deal list page 2`.")


def open_deals(*, session: Session, team_id: str, offset: int = 0) -> Page:
    """Open deals of the workspace in pipeline order."""
    ensure_workspace(session=session, team_id=team_id)
    stages = queries.stages(session=session, team_id=team_id)
    open_ids = [s.id for s in stages if s.kind == "open"]
    rows, total = queries.deals(
        session=session, team_id=team_id, stage_ids=open_ids, offset=offset, limit=PAGE
    )
    by_id = {s.id: s for s in stages}
    views = [DealView(deal=d, stage=by_id[d.stage_id], stages=stages) for d in rows]
    return Page(title="Open deals", views=views, total=total, offset=offset)
