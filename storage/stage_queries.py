"""Queries of the stage editor: its change log, and the open deals whose cards show stages."""

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from storage.models import Deal, Stage, StageChange


def changes(*, session: Session, team_id: str, limit: int) -> list[StageChange]:
    """The workspace's latest pipeline edits, newest first."""
    q = (
        select(StageChange)
        .where(StageChange.team_id == team_id)
        .order_by(col(StageChange.at).desc(), col(StageChange.id).desc())
        .limit(limit)
    )
    return list(session.exec(q))


def open_deals_with_cards(*, session: Session, team_id: str) -> list[Deal]:
    """The live open deals that have a card in a channel (a stage edit changes those cards)."""
    q = (
        select(Deal)
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(
            Deal.team_id == team_id,
            Stage.kind == "open",
            col(Deal.card_ts).is_not(None),
            col(Deal.channel_id).is_not(None),
            col(Deal.archived_at).is_(None),
        )
        .order_by(col(Deal.number))
    )
    return list(session.exec(q))


def current_name(stage_id: ColumnElement, recorded: ColumnElement) -> ColumnElement:
    """A history entry's stage by its current name when the entry has the stage's id (the
    stage may have been renamed since), else by the name it recorded."""
    s = aliased(Stage)
    name = select(s.name).where(s.id == stage_id).scalar_subquery()
    return func.coalesce(name, recorded)


def position_of(team_id: str, stage_id: ColumnElement, recorded: ColumnElement) -> ColumnElement:
    """The pipeline position of a history entry's stage: by its id, else by the name it
    recorded (stage names are unique in use)."""
    by_id, by_name = aliased(Stage), aliased(Stage)
    found = select(by_id.position).where(by_id.id == stage_id).scalar_subquery()
    named = select(func.max(by_name.position)).where(
        by_name.team_id == team_id, by_name.name == recorded
    )
    return func.coalesce(found, named.scalar_subquery())
