"""Roles and sales teams: name admins and managers, create and shape teams, open the
workspace. Every change is one append-only RoleChange row: who, when, what from and to."""

from dataclasses import dataclass

from sqlmodel import Session

from bot.common.errors import InvalidInput, NotAllowed
from bot.common.text import clean_line
from bot.teams import access
from bot.workspaces.service import ensure_workspace
from storage import team_queries
from storage.models import Member, RoleChange, SalesTeam
from storage.types import utcnow

TEAM_NAME_MAX = 80


@dataclass
class Moved:
    """A person put in a team, and the team they left (None when they were in none)."""

    user_id: str
    left: str | None


def note(
    session: Session,
    team_id: str,
    actor: str,
    kind: str,
    subject: str | None,
    frm: str | None = None,
    to: str | None = None,
) -> None:
    """Append one role change to the workspace's record."""
    session.add(
        RoleChange(
            team_id=team_id,
            actor_id=actor,
            kind=kind,
            subject=subject,
            from_value=frm,
            to_value=to,
            at=utcnow(),
        )
    )


def _row(session: Session, team_id: str, user_id: str, actor: str) -> Member:
    row = team_queries.member(session=session, team_id=team_id, user_id=user_id)
    return row or Member(team_id=team_id, user_id=user_id, role="seller", set_by=actor)


def set_role(*, session: Session, team_id: str, actor: str, user_id: str, role: str) -> str:
    """Make someone an admin, a manager or (taking it back) a seller; returns the old role.

    Admins only. Someone made a seller again no longer leads their teams."""
    ensure_workspace(session=session, team_id=team_id)
    before = access.role_of(session, team_id, user_id)
    action = "admin" if "admin" in (role, before) else "manager"
    access.require_admin(session=session, team_id=team_id, user_id=actor, action=action)
    row = _row(session, team_id, user_id, actor)
    if before == role:
        raise NotAllowed("role_already", who=user_id, role=role)
    row.role, row.set_by, row.set_at = role, actor, utcnow()
    session.add(row)
    session.info.get("is_admin", {}).pop((team_id, user_id), None)
    note(session, team_id, actor, "role", user_id, before, role)
    if role == "seller":  # no longer a manager (or admin): their teams have no lead
        for team in team_queries.teams_led_by(session=session, team_id=team_id, user_id=user_id):
            team.manager_id = None
            session.add(team)
            note(session, team_id, actor, "team_manager", team.name, user_id, None)
    session.flush()
    return before


def take_back(*, session: Session, team_id: str, actor: str, user_id: str, role: str) -> None:
    """`manager @ann off`, `admin @dan off`: back to seller, if that is what they were."""
    if access.role_of(session, team_id, user_id) != role:
        if role == "admin" and access.is_admin(session, team_id, user_id):
            access.require_admin(session=session, team_id=team_id, user_id=actor, action="admin")
            raise NotAllowed("admin_not_by_role", who=user_id)
        raise NotAllowed("role_not", who=user_id, role=role)
    set_role(session=session, team_id=team_id, actor=actor, user_id=user_id, role="seller")


def team_name(text: str) -> tuple[str, str]:
    """A team's name as typed (one line) and its folded key; refused when empty or long."""
    name = clean_line(text)
    if not name:
        raise InvalidInput("team_name_missing")
    if len(name) > TEAM_NAME_MAX:
        raise InvalidInput("team_name_too_long", limit=TEAM_NAME_MAX, length=len(name))
    return name, " ".join(name.split()).casefold()[:TEAM_NAME_MAX]


def find(session: Session, team_id: str, text: str) -> SalesTeam:
    """The team named, or a refusal listing the teams."""
    found = team_queries.team_by_name(session, team_id, text)
    if found is None:
        teams = [t.name for t in team_queries.sales_teams(session=session, team_id=team_id)]
        raise InvalidInput("team_unknown", text=text, teams=teams)
    return found


def require_lead(session: Session, team: SalesTeam, actor: str) -> None:
    """The team's manager or an admin; anyone else is told who can."""
    if actor != team.manager_id and not access.is_admin(session, team.team_id, actor):
        raise NotAllowed("team_manager_only", team=team.name, manager=team.manager_id)


def create(
    *, session: Session, team_id: str, actor: str, name: str, manager: str | None
) -> SalesTeam:
    """A new sales team led by `manager` (an admin's choice) or by the manager creating it."""
    ensure_workspace(session=session, team_id=team_id)
    admin = access.is_admin(session, team_id, actor)
    if not admin and not access.is_manager(session, team_id, actor):
        raise NotAllowed("team_create_not_allowed")
    name, key = team_name(name)
    if not admin and manager not in (None, actor):
        raise NotAllowed("team_lead_self_only", name=name)
    if team_queries.team_by_key(session=session, team_id=team_id, name_key=key):
        raise InvalidInput("team_name_taken", name=name)
    lead = manager or actor
    if access.role_of(session, team_id, lead) == "seller" and not access.is_admin(
        session, team_id, lead
    ):
        set_role(session=session, team_id=team_id, actor=actor, user_id=lead, role="manager")
    team = SalesTeam(team_id=team_id, name=name, name_key=key, manager_id=lead, created_by=actor)
    session.add(team)
    note(session, team_id, actor, "team_created", name, None, lead)
    session.flush()
    return team


def add(
    *, session: Session, team_id: str, actor: str, team: str, user_ids: list[str]
) -> tuple[SalesTeam, list[Moved], list[str]]:
    """Put sellers in the team (a seller is in one team: adding moves them); returns the
    team, who was moved in (and from where), and who was in it already."""
    if not user_ids:
        raise InvalidInput("team_nobody")
    found = find(session, team_id, team)
    require_lead(session, found, actor)
    moved, already = [], []
    for uid in user_ids:
        row = _row(session, team_id, uid, actor)
        if row.sales_team_id == found.id:
            already.append(uid)
            continue
        left = row.sales_team_id and team_queries.team_by_id(
            session=session, team_id=team_id, sales_team_id=row.sales_team_id
        )
        row.sales_team_id, row.set_by, row.set_at = found.id, actor, utcnow()
        session.add(row)
        note(session, team_id, actor, "team_member", uid, left.name if left else None, found.name)
        moved.append(Moved(uid, left.name if left else None))
    session.flush()
    return found, moved, already


def remove(*, session: Session, team_id: str, actor: str, team: str, user_id: str) -> SalesTeam:
    """Take a seller out of the team (they are then in no team)."""
    found = find(session, team_id, team)
    require_lead(session, found, actor)
    row = team_queries.member(session=session, team_id=team_id, user_id=user_id)
    if row is None or row.sales_team_id != found.id:
        now = (
            row
            and row.sales_team_id
            and team_queries.team_by_id(
                session=session, team_id=team_id, sales_team_id=row.sales_team_id
            )
        )
        raise NotAllowed("team_not_in", who=user_id, team=found.name, now=now.name if now else None)
    row.sales_team_id, row.set_by, row.set_at = None, actor, utcnow()
    session.add(row)
    note(session, team_id, actor, "team_member", user_id, found.name, None)
    session.flush()
    return found


def rename(*, session: Session, team_id: str, actor: str, team: str, new_name: str) -> str:
    """Rename the team; returns its old name."""
    found = find(session, team_id, team)
    require_lead(session, found, actor)
    name, key = team_name(new_name)
    other = team_queries.team_by_key(session=session, team_id=team_id, name_key=key)
    if other is not None and other.id != found.id:
        raise InvalidInput("team_name_taken", name=name)
    old = found.name
    found.name, found.name_key = name, key
    session.add(found)
    note(session, team_id, actor, "team_renamed", name, old, name)
    session.flush()
    return old


def set_open(*, session: Session, team_id: str, actor: str, open_: bool) -> None:
    """`/deal access open|closed`: whether every member may change every deal. Admins only."""
    access.require_admin(session=session, team_id=team_id, user_id=actor, action="access")
    ws = ensure_workspace(session=session, team_id=team_id)
    state = "open" if open_ else "closed"
    if ws.open_editing == open_:
        raise NotAllowed("access_already", state=state)
    ws.open_editing = open_
    session.add(ws)
    note(session, team_id, actor, "access", None, "closed" if open_ else "open", state)
    session.flush()
