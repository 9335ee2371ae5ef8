"""Reads of sales teams for digests and lists: every query filters by team_id (the workspace).

The teams themselves are read with storage.team_queries (sales_teams, team_by_id)."""

from sqlalchemy import func, select
from sqlmodel import Session, col

from storage import digest_queries as dq
from storage.models import Deal, Member, Stage


def memberships(*, session: Session, team_id: str) -> list[tuple[str, int]]:
    """(user id, sales team id) of the workspace's members who belong to a sales team."""
    q = select(Member.user_id, Member.sales_team_id).where(
        col(Member.team_id) == team_id, col(Member.sales_team_id).is_not(None)
    )
    return [(u, t) for u, t in session.execute(q)]


def open_by_owner(*, session: Session, where: dq.Where) -> list[tuple[str, str, int, int | None]]:
    """(owner, currency, open deals, summed value) of the open deals `where` selects."""
    q = (
        select(Deal.owner_id, Deal.currency, func.count(), func.sum(Deal.value_minor))
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(*where, Stage.kind == "open")
        .group_by(col(Deal.owner_id), col(Deal.currency))
    )
    return [(o, c, n, None if v is None else int(v)) for o, c, n, v in session.execute(q)]

