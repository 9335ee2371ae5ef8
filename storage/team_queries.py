"""Roles and sales teams: members, teams, who installed dealbot, and the record of changes.

Every query filters by team_id (the workspace). The read helpers here (`team_by_name`,
`member_ids`, `manager_of`, ...) are public: team views in digests and lists use them too.
"""

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage.installations import installations
from storage.models import Member, RoleChange, SalesTeam, Workspace


def member(*, session: Session, team_id: str, user_id: str) -> Member | None:
    """A person's role row in the workspace, if one was ever set."""
    return session.get(Member, (team_id, user_id))


def members(*, session: Session, team_id: str) -> list[Member]:
    """Every role row of the workspace."""
    q = select(Member).where(col(Member.team_id) == team_id).order_by(col(Member.user_id))
    return list(session.scalars(q))


def ids_with_role(*, session: Session, team_id: str, role: str) -> list[str]:
    """The people whose row names them admin (or manager), in the order they were named."""
    q = (
        select(Member.user_id)
        .where(col(Member.team_id) == team_id, col(Member.role) == role)
        .order_by(col(Member.set_at), col(Member.user_id))
    )
    return list(session.scalars(q))


def installer_ids(*, session: Session, team_id: str) -> list[str]:
    """Who installed dealbot in the workspace (slack_sdk's installation store), newest first."""
    c = installations.c
    q = (
        select(c.user_id)
        .where(c.team_id == team_id, c.user_id.is_not(None))
        .group_by(c.user_id)
        .order_by(func.max(c.installed_at).desc())
    )
    return [u for u in session.scalars(q) if u]


def sales_teams(*, session: Session, team_id: str) -> list[SalesTeam]:
    """The workspace's sales teams, by name."""
    q = (
        select(SalesTeam)
        .where(col(SalesTeam.team_id) == team_id)
        .order_by(col(SalesTeam.name_key), col(SalesTeam.id))
    )
    return list(session.scalars(q))


def team_by_key(*, session: Session, team_id: str, name_key: str) -> SalesTeam | None:
    """The sales team whose folded name is exactly name_key."""
    q = select(SalesTeam).where(
        col(SalesTeam.team_id) == team_id, col(SalesTeam.name_key) == name_key
    )
    return session.scalars(q).first()


def team_by_name(session: Session, team_id: str, text: str) -> SalesTeam | None:
    """The sales team a user named: its whole name in any case and spacing, or None."""
    key = " ".join(text.split()).casefold()[:80]
    return team_by_key(session=session, team_id=team_id, name_key=key) if key else None


def team_by_id(*, session: Session, team_id: str, sales_team_id: int) -> SalesTeam | None:
    """One sales team of the workspace."""
    q = select(SalesTeam).where(
        col(SalesTeam.team_id) == team_id, col(SalesTeam.id) == sales_team_id
    )
    return session.scalars(q).first()


def member_ids(session: Session, team_id: str, sales_team_id: int) -> list[str]:
    """The people in a sales team (its sellers; the manager is the team's manager_id)."""
    q = (
        select(Member.user_id)
        .where(col(Member.team_id) == team_id, col(Member.sales_team_id) == sales_team_id)
        .order_by(col(Member.set_at), col(Member.user_id))
    )
    return list(session.scalars(q))


def manager_of(session: Session, team_id: str, user_id: str) -> str | None:
    """The manager of the sales team the person belongs to, if any."""
    q = (
        select(SalesTeam.manager_id)
        .join(Member, col(Member.sales_team_id) == SalesTeam.id)
        .where(col(Member.team_id) == team_id, col(Member.user_id) == user_id)
    )
    return session.scalars(q).first()


def teams_led_by(*, session: Session, team_id: str, user_id: str) -> list[SalesTeam]:
    """The sales teams the person manages."""
    q = select(SalesTeam).where(
        col(SalesTeam.team_id) == team_id, col(SalesTeam.manager_id) == user_id
    )
    return list(session.scalars(q))


def open_editing(*, session: Session, team_id: str) -> bool:
    """Whether every member may change every deal (`/deal access open`)."""
    q = select(Workspace.open_editing).where(col(Workspace.team_id) == team_id)
    return bool(session.scalars(q).first())


def role_changes(
    *, session: Session, team_id: str, limit: int, offset: int = 0
) -> list[RoleChange]:
    """The record of role, team and access changes, newest first."""
    q = (
        select(RoleChange)
        .where(col(RoleChange.team_id) == team_id)
        .order_by(col(RoleChange.at).desc(), col(RoleChange.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(q))


def role_change_count(*, session: Session, team_id: str) -> int:
    """How many role, team and access changes the workspace has."""
    q = select(func.count()).select_from(RoleChange).where(col(RoleChange.team_id) == team_id)
    return int(session.scalar(q) or 0)
