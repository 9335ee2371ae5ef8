"""Queries for a person's Home tab. Every one takes a team_id and filters by it."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from storage.models import Collaborator, Deal, Stage


def _mine(team_id: str, user_id: str) -> ColumnElement[bool]:
    """Deals of the workspace that the user owns or collaborates on."""
    tagged = select(Collaborator.deal_id).where(
        Collaborator.team_id == team_id, Collaborator.user_id == user_id
    )
    live = col(Deal.archived_at).is_(None)  # archived deals leave Home
    return (col(Deal.team_id) == team_id) & live & or_(
        col(Deal.owner_id) == user_id, col(Deal.id).in_(tagged)
    )


def open_totals(
    *, session: Session, team_id: str, user_id: str
) -> list[tuple[int, str, int, int | None]]:
    """(stage id, currency, deals, summed value) of my open deals per stage and currency."""
    q = (
        select(Deal.stage_id, Deal.currency, func.count(), func.sum(Deal.value_minor))
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(_mine(team_id, user_id), Stage.team_id == team_id, Stage.kind == "open")
        .group_by(col(Deal.stage_id), col(Deal.currency))
    )
    return [(s, c, n, None if v is None else int(v)) for s, c, n, v in session.exec(q)]


def open_deals(*, session: Session, team_id: str, user_id: str, limit: int) -> list[Deal]:
    """The user's first `limit` open deals in pipeline order, longest in their stage first."""
    q = (
        select(Deal)
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(_mine(team_id, user_id), Stage.team_id == team_id, Stage.kind == "open")
        .order_by(col(Stage.position), col(Deal.stage_changed_at), col(Deal.number))
        .limit(limit)
    )
    return list(session.exec(q))


def closed_since(
    *, session: Session, team_id: str, user_id: str, since: datetime, limit: int
) -> list[Deal]:
    """The user's deals won or lost since `since`, newest first."""
    q = (
        select(Deal)
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(
            _mine(team_id, user_id),
            Stage.team_id == team_id,
            col(Stage.kind).in_(("won", "lost")),
            col(Deal.stage_changed_at) >= since,
        )
        .order_by(col(Deal.stage_changed_at).desc(), col(Deal.number).desc())
        .limit(limit)
    )
    return list(session.exec(q))


def stages_by_id(*, session: Session, team_id: str, ids: Sequence[int]) -> dict[int, Stage]:
    """Stages of the workspace by id, active or not."""
    if not ids:
        return {}
    q = select(Stage).where(Stage.team_id == team_id, col(Stage.id).in_(ids))
    return {s.id: s for s in session.exec(q)}
