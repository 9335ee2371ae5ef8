"""Queries. Every one takes a team_id and filters by it."""

import functools
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Row,
    String,
    bindparam,
    func,
    update,
)
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from storage.models import (
    Activity,
    Collaborator,
    Company,
    Deal,
    Qualification,
    Stage,
)

# The statements the hot paths run (a command, a card's delivery) are built once, with
# their values as parameters: building an SQLAlchemy statement costs more than running
# a small one (bench/statement_build.py).
TEAM, DEAL = bindparam("team"), bindparam("deal")
_STAGES = select(Stage).where(Stage.team_id == TEAM, Stage.active).order_by(Stage.position)
_STAGE = select(Stage).where(Stage.team_id == TEAM, Stage.id == bindparam("stage"))
_DEAL_NUMBER = select(Deal).where(Deal.team_id == TEAM, Deal.number == bindparam("number"))
_LAST_ACTIVITY = (
    select(Activity)
    .where(Activity.team_id == TEAM, Activity.deal_id == DEAL)
    .order_by(col(Activity.at).desc(), col(Activity.id).desc())
    .limit(1)
)
_COMPANY = select(Company).where(Company.team_id == TEAM, Company.id == bindparam("company"))
_COLLABORATORS = (
    select(Collaborator.user_id)
    .where(Collaborator.team_id == TEAM, Collaborator.deal_id == DEAL)
    .order_by(col(Collaborator.added_at))
)
_LAST_QUALIFICATION = (
    select(Qualification)
    .where(Qualification.team_id == TEAM, Qualification.deal_id == DEAL)
    .order_by(col(Qualification.at).desc(), col(Qualification.id).desc())
    .limit(1)
)


def stages(*, session: Session, team_id: str, hold: bool = False) -> list[Stage]:
    """The workspace's active stages in pipeline order; `hold`: the pipeline held first
    (hold_pipeline), so what is read is what no switch can change until the unit ends."""
    if hold:
        hold_pipeline(session=session, team_id=team_id)
    return list(session.exec(_STAGES, params={"team": team_id}))


def stage_by_id(*, session: Session, team_id: str, stage_id: int) -> Stage | None:
    """One stage of the workspace (active or not)."""
    return session.exec(_STAGE, params={"team": team_id, "stage": stage_id}).first()


def deal_by_number(*, session: Session, team_id: str, number: int) -> Deal | None:
    """The deal #number of the workspace."""
    return session.exec(_DEAL_NUMBER, params={"team": team_id, "number": number}).first()


def deals_named_like(*, session: Session, team_id: str, part: str, limit: int = 20) -> list[Deal]:
    """Deals whose name contains part, case-insensitive."""
    pattern = "%" + part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    q = (
        select(Deal)
        .where(Deal.team_id == team_id, func.lower(Deal.name).like(pattern, escape="\\"))
        .order_by(col(Deal.number).desc())
        .limit(limit)
    )
    return list(session.exec(q))


def deal_names(*, session: Session, team_id: str, limit: int = 2000) -> list[tuple[int, str]]:
    """(number, name) of the workspace's most recent deals, for suggestions."""
    q = (
        select(Deal.number, Deal.name)
        .where(Deal.team_id == team_id)
        .order_by(col(Deal.number).desc())
        .limit(limit)
    )
    return [(n, name) for n, name in session.exec(q)]


def deals(
    *,
    session: Session,
    team_id: str,
    stage_ids: Sequence[int] | None = None,
    owner_id: str | None = None,
    offset: int = 0,
    limit: int = 50,
    owner_ids: Sequence[str] | None = None,
) -> tuple[list[Deal], int]:
    """A page of the workspace's live (not archived) deals in pipeline order, and how many
    match in all; `owner_ids` keeps the deals of those people (a sales team's)."""
    where = [Deal.team_id == team_id, col(Deal.archived_at).is_(None)]
    if stage_ids is not None:
        where.append(col(Deal.stage_id).in_(stage_ids))
    if owner_id is not None:
        where.append(Deal.owner_id == owner_id)
    if owner_ids is not None:
        where.append(col(Deal.owner_id).in_(sorted(owner_ids)))
    total = session.exec(select(func.count()).select_from(Deal).where(*where)).one()
    q = (
        select(Deal)
        .join(Stage, col(Stage.id) == Deal.stage_id)
        .where(*where)
        .order_by(col(Stage.position), col(Deal.stage_changed_at), col(Deal.number))
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(q)), total


def move_if_at(
    *,
    session: Session,
    team_id: str,
    deal_id: int,
    from_stage_id: int,
    to_stage_id: int,
    now: datetime,
    **values,
) -> Row | None:
    """Move the deal only if it is still at from_stage_id: the row as moved, or None when
    someone got there first (one statement: the moved row comes back with it)."""
    params = {"from_stage": from_stage_id, "to_stage": to_stage_id}
    stmt = _move_if_at(frozenset(values))
    return session.execute(stmt, _deal_params(team_id, deal_id, now, values, params)).first()


def update_if_version(
    *, session: Session, team_id: str, deal_id: int, version: int, now: datetime, **values
) -> Row | None:
    """Change the deal only if nobody changed it since `version` was read: the row as
    changed, or None."""
    stmt = _update_if_version(frozenset(values))
    params = _deal_params(team_id, deal_id, now, values, {"read_version": version})
    return session.execute(stmt, params).first()


# A deal's guarded UPDATEs, built once for each set of columns they also set (every move
# and edit runs one: building it cost more than running it, bench/statement_build.py).
# Their parameters are named apart from the columns, as an UPDATE's SET claims those.
_DEAL_T = Deal.__table__
_NOW = bindparam("now", type_=_DEAL_T.c.updated_at.type)


def _deal_params(team_id: str, deal_id: int, now: datetime, values: dict, more: dict) -> dict:
    return {"team": team_id, "deal": deal_id, "now": now, **more,
            **{f"set_{k}": v for k, v in values.items()}}


def _deal_update(guard: ColumnElement, keys: frozenset[str], **values):
    """UPDATE deal ... WHERE id, team and guard, bumping its version; RETURNING the row."""
    t = _DEAL_T
    values.update({k: bindparam(f"set_{k}", type_=t.c[k].type) for k in sorted(keys)})
    return (
        update(t)
        .where(t.c.id == DEAL, t.c.team_id == TEAM, guard)
        .values(updated_at=_NOW, version=t.c.version + 1, **values)
        .returning(*t.c)
    )


@functools.cache
def _move_if_at(keys: frozenset[str]):
    stage = _DEAL_T.c.stage_id
    return _deal_update(stage == bindparam("from_stage"), keys,
                        stage_id=bindparam("to_stage"), stage_changed_at=_NOW)


@functools.cache
def _update_if_version(keys: frozenset[str]):
    return _deal_update(_DEAL_T.c.version == bindparam("read_version"), keys)


def loaded(deal: Deal, row: Row) -> None:
    """Set the deal's attributes to a row just read or returned, as a refresh would (the
    session sees nothing to write back)."""
    for key, value in row._mapping.items():
        set_committed_value(deal, key, value)


def last_activity(*, session: Session, team_id: str, deal_id: int) -> Activity | None:
    """The newest activity of a deal."""
    return session.exec(_LAST_ACTIVITY, params={"team": team_id, "deal": deal_id}).first()


def history(*, session: Session, team_id: str, deal_id: int, limit: int = 200) -> list[Activity]:
    """A deal's activities, oldest first (the newest `limit`)."""
    q = (
        select(Activity)
        .where(Activity.team_id == team_id, Activity.deal_id == deal_id)
        .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        .limit(limit)
    )
    return list(reversed(list(session.exec(q))))


def company(*, session: Session, team_id: str, company_id: int | None) -> Company | None:
    """One company of the workspace."""
    if company_id is None:
        return None
    return session.exec(_COMPANY, params={"team": team_id, "company": company_id}).first()


def company_by_key(*, session: Session, team_id: str, name_key: str) -> Company | None:
    """The company whose folded name is name_key."""
    q = select(Company).where(Company.team_id == team_id, Company.name_key == name_key)
    return session.exec(q).first()


def collaborators(*, session: Session, team_id: str, deal_id: int) -> list[str]:
    """User ids tagged on a deal, in the order they were added."""
    return list(session.exec(_COLLABORATORS, params={"team": team_id, "deal": deal_id}))


def last_close(*, session: Session, team_id: str, deal_id: int) -> Activity | None:
    """The activity that last closed the deal (won or lost)."""
    q = (
        select(Activity)
        .where(
            Activity.team_id == team_id,
            Activity.deal_id == deal_id,
            col(Activity.kind).in_(("won", "lost")),
        )
        .order_by(col(Activity.at).desc(), col(Activity.id).desc())
        .limit(1)
    )
    return session.exec(q).first()


def all_stages(*, session: Session, team_id: str) -> list[Stage]:
    """Every stage the workspace ever had, active or not (deals and history refer to them)."""
    q = select(Stage).where(Stage.team_id == team_id).order_by(col(Stage.position))
    return list(session.exec(q))


def last_qualification(*, session: Session, team_id: str, deal_id: int) -> Qualification | None:
    """The deal's newest BANT check."""
    return session.exec(_LAST_QUALIFICATION, params={"team": team_id, "deal": deal_id}).first()


WORKSPACE_LOCK = 0x6465616C  # "deal": the advisory lock space of workspaces (hold_workspace)


def hold_pipeline(*, session: Session, team_id: str) -> None:
    """Keep the workspace's pipeline from being switched until this unit of work ends.

    A template switch holds the workspace alone; a move holds it shared, so the two never
    interleave on PostgreSQL. SQLite writers already run one at a time.
    """
    hold_workspace(session=session, team_id=team_id, shared=True)


def hold_workspace(*, session: Session, team_id: str, shared: bool) -> None:
    """Hold the workspace's pipeline and numbers until this unit of work ends, shared or
    alone, on PostgreSQL; SQLite writers already run one at a time.

    A transaction-scoped advisory lock keyed by the workspace, not a row lock on it: a
    FOR SHARE writes the locked row (and, with several holders at once, a MultiXact) and
    logs it, on every `/deal new` and move; an advisory lock lives in memory only."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_HOLD_SHARED if shared else _HOLD_ALONE, {"team": team_id})


def _holding(take) -> object:
    return select(take(WORKSPACE_LOCK, func.hashtext(bindparam("team", type_=String()))))


# Built once, as the statements above: every `/deal new` and move holds the workspace.
_HOLD_SHARED = _holding(func.pg_advisory_xact_lock_shared)
_HOLD_ALONE = _holding(func.pg_advisory_xact_lock)
