"""Lists of deals, a page at a time: open, mine, all, a stage's, a person's."""

import re
from dataclasses import dataclass

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.deals import matching
from bot.deals.service import DealView
from bot.digests.build import stale_cutoffs
from bot.workspaces.service import ensure_workspace
from handlers.kit.mrkdwn import escape
from storage import digest_queries as dq
from storage import queries
from storage.types import utcnow

PAGE = 25
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
USAGE = (
    "Try `/deal list`, `/deal list mine`, `/deal list all`, `/deal list proposal`, "
    "`/deal list @bob`, and `page 2` after any of them."
)


@dataclass
class Page:
    """One page of a list of deals, and the scope that made it (for the next page)."""

    title: str
    views: list[DealView]
    total: int
    offset: int
    scope: str


def split_page(rest: str) -> tuple[str, int]:
    """The scope words and the offset asked for by a trailing `page N`."""
    words = rest.split()
    if len(words) >= 2 and words[-2].lower() == "page":
        if not words[-1].isdigit() or int(words[-1]) < 1:
            raise InvalidInput(f"`page {escape(words[-1])}` is not a page number. {USAGE}")
        return " ".join(words[:-2]), (int(words[-1]) - 1) * PAGE
    return " ".join(words), 0


def deals_page(*, session: Session, team_id: str, viewer: str, scope: str, offset: int = 0) -> Page:
    """The deals a `/deal list` scope names: '', mine, all, a stage, or an @mention."""
    ensure_workspace(session=session, team_id=team_id)
    stages = queries.stages(session=session, team_id=team_id)
    open_ids = [s.id for s in stages if s.kind == "open"]
    word = scope.strip()
    owner, stage_ids, title = None, open_ids, "Open deals"
    if word.lower() == "stale":
        return stale_page(session, team_id, stages, offset)
    if word.lower() == "mine":
        owner, title = viewer, "My open deals"
    elif word.lower() == "all":
        stage_ids, title = None, "All deals"
    elif m := _MENTION.fullmatch(word):
        owner, title = m.group(1), f"Open deals of <@{m.group(1)}>"
    elif word:
        stage = matching.match_stage(stages, word)
        stage_ids, title = [stage.id], f"Deals at {stage.name}"
    rows, total = queries.deals(
        session=session,
        team_id=team_id,
        stage_ids=stage_ids,
        owner_id=owner,
        offset=offset,
        limit=PAGE,
    )
    by_id = {s.id: s for s in queries.all_stages(session=session, team_id=team_id)}
    views = [DealView(deal=d, stage=by_id[d.stage_id], stages=stages) for d in rows]
    return Page(title=title, views=views, total=total, offset=offset, scope=word)


def stale_page(session: Session, team_id: str, stages: list, offset: int) -> Page:
    """Open deals quiet for longer than their stage allows (snoozed ones left out)."""
    now = utcnow()
    where = dq.scope(team_id, owner=None, stage_id=None, min_value=None)
    total, rows = dq.stale(
        session=session,
        where=where,
        cutoffs=stale_cutoffs(stages, now),
        today=now.date(),
        limit=offset + PAGE,
    )
    by_id = {s.id: s for s in stages}
    views = [
        DealView(deal=row[0], stage=by_id[row[0].stage_id], stages=stages) for row in rows[offset:]
    ]
    return Page(title="Quiet deals", views=views, total=total, offset=offset, scope="stale")
