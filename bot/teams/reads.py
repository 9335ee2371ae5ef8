"""What `/deal team` and `/deal team history` show: teams, roles, the access setting, and
the record of changes."""

from dataclasses import dataclass, field

from sqlmodel import Session

from bot.teams import access
from storage import team_queries
from storage.models import RoleChange, SalesTeam

HISTORY_PAGE = 25


@dataclass
class TeamLine:
    """A sales team with its sellers."""

    team: SalesTeam
    sellers: list[str]


@dataclass
class Overview:
    """Who does what in the workspace."""

    teams: list[TeamLine] = field(default_factory=list)
    admins: list[str] = field(default_factory=list)  # known without asking Slack
    installers: list[str] = field(default_factory=list)
    managers: list[str] = field(default_factory=list)
    open_editing: bool = False


def overview(*, session: Session, team_id: str) -> Overview:
    """The workspace's teams, admins and managers, and whether it is open."""
    teams = [
        TeamLine(t, team_queries.member_ids(session, team_id, t.id))
        for t in team_queries.sales_teams(session=session, team_id=team_id)
    ]
    return Overview(
        teams=teams,
        admins=access.known_admins(session, team_id),
        installers=team_queries.installer_ids(session=session, team_id=team_id),
        managers=team_queries.ids_with_role(session=session, team_id=team_id, role="manager"),
        open_editing=team_queries.open_editing(session=session, team_id=team_id),
    )


def history(*, session: Session, team_id: str, page: int = 0) -> tuple[list[RoleChange], bool]:
    """One page of role, team and access changes, newest first, and whether more follow."""
    rows = team_queries.role_changes(
        session=session, team_id=team_id, limit=HISTORY_PAGE + 1, offset=page * HISTORY_PAGE
    )
    return rows[:HISTORY_PAGE], len(rows) > HISTORY_PAGE


def is_open(*, session: Session, team_id: str) -> bool:
    """Whether every member may change every deal (`/deal access open`)."""
    return team_queries.open_editing(session=session, team_id=team_id)


def named(session: Session, team_id: str, text: str) -> bool:
    """Whether the text is a sales team's whole name."""
    return team_queries.team_by_name(session, team_id, text) is not None
