"""Queries of `dealbot export`: a workspace's deals in three queries, however many there are."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import Activity, Company, Contact, Deal, Stage, Workspace


def deals(
    *, session: Session, team_id: str, archived: bool
) -> list[tuple[Deal, Stage, str | None]]:
    """Every deal of the workspace (archived ones too when `archived`), with its stage and
    company name, by number."""
    q = (
        select(Deal, Stage, Company.name)
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .join(Company, col(Company.id) == Deal.company_id, isouter=True)
        .where(Deal.team_id == team_id)
        .order_by(col(Deal.number))
    )
    if not archived:
        q = q.where(col(Deal.archived_at).is_(None))
    return [(d, s, c) for d, s, c in session.exec(q)]


def last_closes(*, session: Session, team_id: str) -> dict[int, datetime]:
    """deal id -> when it was last won or lost."""
    q = (
        select(Activity.deal_id, func.max(Activity.at))
        .where(Activity.team_id == team_id, col(Activity.kind).in_(("won", "lost")))
        .group_by(col(Activity.deal_id))
    )
    return {deal_id: at for deal_id, at in session.exec(q)}


def contacts(*, session: Session, team_id: str) -> dict[int, list[Contact]]:
    """company id -> its people, in the order they were added."""
    q = select(Contact).where(Contact.team_id == team_id).order_by(col(Contact.id))
    out: dict[int, list[Contact]] = {}
    for c in session.exec(q):
        out.setdefault(c.company_id, []).append(c)
    return out


def has_workspace(*, session: Session, team_id: str) -> bool:
    """Whether the database holds this workspace."""
    return (
        session.exec(select(Workspace.team_id).where(Workspace.team_id == team_id)).first()
        is not None
    )
