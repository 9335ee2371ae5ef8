"""Workspaces: created, with their pipeline, on first use."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.pipeline import TEMPLATES
from storage.models import Stage, Workspace


def ensure_workspace(*, session: Session, team_id: str, name: str = "") -> Workspace:
    """The workspace row, created and seeded with the default pipeline on first use."""
    found = session.get(Workspace, team_id)
    if found is not None:
        return found
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Two first requests at once must not both seed: only the inserting one does.
    stmt = (
        insert(Workspace)
        .values(team_id=team_id, name=name)
        .on_conflict_do_nothing()
        .returning(Workspace.team_id)
    )
    if session.execute(stmt).first() is not None:
        seed_stages(session=session, team_id=team_id, template="generic")
    session.flush()
    return session.get(Workspace, team_id, populate_existing=True)


def seed_stages(*, session: Session, team_id: str, template: str) -> list[Stage]:
    """Add the template's stages to the workspace."""
    rows = [
        Stage(
            team_id=team_id,
            key=s.key,
            name=s.name,
            position=i,
            probability=s.probability,
            kind=s.kind,
        )
        for i, s in enumerate(TEMPLATES[template])
    ]
    session.add_all(rows)
    session.flush()
    return rows
