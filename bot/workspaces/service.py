"""Workspaces: created, with their pipeline, on first use."""

from sqlmodel import Session

from bot.pipeline.templates import TEMPLATES
from storage import claims, queries, settings_cache
from storage.models import Stage, Workspace


def ensure_workspace(*, session: Session, team_id: str, name: str = "") -> Workspace:
    """The workspace row, created and seeded with the default pipeline on first use."""
    found = session.get(Workspace, team_id)
    if found is not None:
        return found
    # Two first requests at once must not both seed: only the inserting one does.
    new = claims.insert_new(session=session, column=Workspace.team_id, team_id=team_id, name=name)
    if new is not None:
        seed_stages(session=session, team_id=team_id, template="generic")
    session.flush()
    return session.get(Workspace, team_id, populate_existing=True)


def workspace_and_stages(
    *, session: Session, team_id: str, hold: bool = False
) -> tuple[Workspace, list[Stage]]:
    """The workspace (created on first use) and its active stages in pipeline order;
    `hold`: the pipeline held until the unit of work ends (a template switch waits), as
    queries.hold_pipeline does. Once the workspace exists they are the process's
    read-only copies (settings_cache.workspace_stages): a change to them is not written."""
    ws, stages = settings_cache.workspace_stages(session=session, team_id=team_id, hold=hold)
    if ws is not None:
        return ws, stages
    ws = ensure_workspace(session=session, team_id=team_id)
    return ws, queries.stages(session=session, team_id=team_id, hold=hold)


def active_stages(*, session: Session, team_id: str, hold: bool = False) -> list[Stage]:
    """The workspace's active stages in pipeline order (none before its first use), read as
    workspace_and_stages reads them: the process's copy while the workspace's stamp says
    it is current. Read-only."""
    return settings_cache.workspace_stages(session=session, team_id=team_id, hold=hold)[1]


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
