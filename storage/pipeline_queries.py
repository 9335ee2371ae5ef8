"""Queries of the pipeline: deals per stage, and what a template switch locks and reads."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import Deal, Stage, Workspace
from storage.queries import hold_workspace


def deal_counts(*, session: Session, team_id: str) -> dict[int, int]:
    """How many deals of the workspace sit on each stage, by stage id."""
    q = select(Deal.stage_id, func.count()).where(Deal.team_id == team_id).group_by(Deal.stage_id)
    return dict(session.exec(q).all())


def deal_count(*, session: Session, team_id: str) -> int:
    """How many deals the workspace has."""
    return session.exec(select(func.count()).select_from(Deal).where(Deal.team_id == team_id)).one()


def lock_workspace(*, session: Session, team_id: str) -> Workspace:
    """The workspace row, locked until the unit of work ends (FOR UPDATE on PostgreSQL),
    with its pipeline held alone (creating and moving deals hold it shared: hold_workspace).

    Read afresh: a switch that waited for another must see what that one wrote.
    """
    hold_workspace(session=session, team_id=team_id, shared=False)
    q = select(Workspace).where(Workspace.team_id == team_id).with_for_update()
    return session.exec(q.execution_options(populate_existing=True)).one()


def every_stage_fresh(*, session: Session, team_id: str) -> list[Stage]:
    """Every stage the workspace ever had, in pipeline order, read afresh from the database."""
    q = select(Stage).where(Stage.team_id == team_id).order_by(col(Stage.position))
    return list(session.exec(q.execution_options(populate_existing=True)))


def deals_on_stages(*, session: Session, team_id: str, stage_ids: list[int]) -> list[Deal]:
    """The deals on these stages by number, locked: a concurrent move waits, then finds it stale."""
    q = (
        select(Deal)
        .where(Deal.team_id == team_id, col(Deal.stage_id).in_(stage_ids))
        .order_by(col(Deal.number))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(session.exec(q).all())
