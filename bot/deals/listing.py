"""Lists of deals, a page at a time: open, mine, all, a stage's, a person's; and a history."""

from dataclasses import dataclass, field

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.deals import matching, quiet
from bot.deals.service import DealView
from bot.digests import teams
from bot.workspaces.service import ensure_workspace
from storage import queries
from storage.models import Activity
from storage.types import utcnow

PAGE = 25


@dataclass
class Page:
    """One page of a list of deals, what it lists, and the scope that made it (for the next page).

    `kind` is open, mine, all, owner, stage, team or stale; an owner list names its `owner`
    (a user id), a stage list its `stage` (the stage's name), a team list its `team`.
    """

    kind: str
    views: list[DealView]
    total: int
    offset: int
    scope: str
    owner: str | None = None
    stage: str | None = None
    team: str | None = None
    quiet_days: dict[int, int] = field(default_factory=dict)  # deal id -> days quiet (stale)


def deals_page(
    *,
    session: Session,
    team_id: str,
    viewer: str,
    scope: str,
    owner: str | None = None,
    offset: int = 0,
) -> Page:
    """The deals of a `/deal list` scope ('', mine, all, stale or a stage), or of `owner`."""
    ensure_workspace(session=session, team_id=team_id)
    stages = queries.stages(session=session, team_id=team_id)
    open_ids = [s.id for s in stages if s.kind == "open"]
    word = scope.strip()
    kind, stage_ids, stage_name = "open", open_ids, None
    team_name, owner_ids = None, None
    if owner is None and word.lower() == "stale":
        return stale_page(session, team_id, stages, offset)
    if owner is None and word.lower().split()[:1] == ["team"]:
        team = team_asked(session, team_id, viewer, word[4:].strip())
        kind, team_name = "team", team.name
        owner_ids = teams.owners_of(session=session, team_id=team_id, sales_team_id=team.id)
    elif owner is not None:
        kind = "owner"
    elif word.lower() == "mine":
        owner, kind = viewer, "mine"
    elif word.lower() == "all":
        stage_ids, kind = None, "all"
    elif word:
        stage = matching.match_stage(stages, word)
        stage_ids, kind, stage_name = [stage.id], "stage", stage.name
    rows, total = queries.deals(
        session=session,
        team_id=team_id,
        stage_ids=stage_ids,
        owner_id=owner,
        offset=offset,
        limit=PAGE,
        owner_ids=owner_ids,
    )
    by_id = {s.id: s for s in queries.all_stages(session=session, team_id=team_id)}
    views = [DealView(deal=d, stage=by_id[d.stage_id], stages=stages) for d in rows]
    return Page(
        kind=kind,
        views=views,
        total=total,
        offset=offset,
        scope=word,
        owner=owner if kind == "owner" else None,
        stage=stage_name,
        team=team_name,
    )


def team_asked(session: Session, team_id: str, viewer: str, name: str):
    """The team `list team [name]` asks for: the named one, else the viewer's own."""
    if not name:
        team = teams.team_of(session=session, team_id=team_id, user=viewer)
        if team is None:
            raise InvalidInput("list_no_team")
        return team
    team, names = teams.named(session=session, team_id=team_id, name=name)
    if team is None:
        raise InvalidInput("unknown_sales_team", text=name, teams=names)
    return team


def history(*, session: Session, team_id: str, deal_id: int, limit: int) -> list[Activity]:
    """The deal's newest `limit` activities, oldest first."""
    return queries.history(session=session, team_id=team_id, deal_id=deal_id, limit=limit)


def stale_page(session: Session, team_id: str, stages: list, offset: int) -> Page:
    """Open deals gone quiet (the rule of bot.deals.quiet), snoozed ones left out."""
    now = utcnow()
    total, rows = quiet.quiet_deals(
        session=session, team_id=team_id, now=now, today=now.date(), limit=offset + PAGE
    )
    by_id = {s.id: s for s in queries.all_stages(session=session, team_id=team_id)}
    views = [
        DealView(deal=row[0], stage=by_id[row[0].stage_id], stages=stages) for row in rows[offset:]
    ]
    days = {d.id: quiet.days_quiet(last, now) for d, last in rows[offset:]}
    return Page(kind="stale", views=views, total=total, offset=offset, scope="stale",
                quiet_days=days)
