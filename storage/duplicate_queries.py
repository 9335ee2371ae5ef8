"""Queries for the duplicate warning of /deal new. Every one takes a team_id."""

from sqlmodel import Session, col, select

from storage.models import Deal, Stage, Workspace
from storage.queries import hold_workspace


def open_deal_names(*, session: Session, team_id: str, limit: int = 2000) -> list[tuple[int, str]]:
    """(number, name) of the workspace's open deals, newest first."""
    q = (
        select(Deal.number, Deal.name)
        .join(Stage, col(Stage.id) == col(Deal.stage_id))
        .where(Deal.team_id == team_id, Stage.kind == "open", col(Deal.archived_at).is_(None))
        .order_by(col(Deal.number).desc())
        .limit(limit)
    )
    return [(n, name) for n, name in session.exec(q)]


def deal_seq(*, session: Session, team_id: str) -> int:
    """The last deal number handed out in the workspace (0 before the first)."""
    q = select(Workspace.deal_seq).where(Workspace.team_id == team_id)
    return session.exec(q).first() or 0


def hold_numbers(*, session: Session, team_id: str) -> None:
    """Keep other deals from being created in the workspace until this unit of work ends.

    PostgreSQL: the workspace row FOR UPDATE (creating a deal updates it). SQLite writers
    already run one at a time.
    """
    hold_workspace(session=session, team_id=team_id, shared=False)


def created_since(
    *, session: Session, team_id: str, actor: str, after: int
) -> list[tuple[int, str]]:
    """(number, name) of the deals the actor created with numbers above `after`."""
    q = (
        select(Deal.number, Deal.name)
        .where(Deal.team_id == team_id, Deal.created_by == actor, col(Deal.number) > after)
        .order_by(col(Deal.number))
    )
    return [(n, name) for n, name in session.exec(q)]
