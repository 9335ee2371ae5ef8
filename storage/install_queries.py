"""A workspace paused while dealbot is uninstalled from it, and resumed on a new install."""

from datetime import datetime

from sqlalchemy import func, literal, update
from sqlmodel import Session, col

from storage.models import Workspace
from storage.types import UTCDateTime


def pause(*, session: Session, team_id: str, reason: str, at: datetime) -> bool:
    """Mark the workspace paused (its first pause time is kept); False if it has no row."""
    result = session.execute(
        update(Workspace)
        .where(col(Workspace.team_id) == team_id)
        .values(
            paused_at=func.coalesce(Workspace.paused_at, literal(at, UTCDateTime())),
            paused_reason=reason[:40],
        )
    )
    return result.rowcount == 1


def resume(*, session: Session, team_id: str) -> bool:
    """Clear the workspace's pause; True if it was paused."""
    result = session.execute(
        update(Workspace)
        .where(col(Workspace.team_id) == team_id, col(Workspace.paused_at).is_not(None))
        .values(paused_at=None, paused_reason=None)
    )
    return result.rowcount == 1


def paused_at(*, session: Session, team_id: str) -> datetime | None:
    """When the workspace was paused, or None when it runs (or has no row)."""
    found = session.get(Workspace, team_id, populate_existing=True)
    return found.paused_at if found is not None else None
