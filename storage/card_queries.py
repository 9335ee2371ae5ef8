"""What the outbox reads to deliver a deal's card and its thread lines: one prebuilt Core
statement each (a card: the deal, its place, company, newest activity and BANT check, and
the workspace's active stages; a thread line: the deal's place and the activity), every
one scoped by team_id. Rows come back as model objects built as the ORM builds a loaded
one (no model __init__), not in any session."""

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, exists, select
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlmodel import Session

from storage.models import Activity, Collaborator, Company, Deal, Qualification, Stage
from storage.rows import of_row
from storage.shortcut_queries import FROM_MESSAGE

_DEAL, _STAGE, _ACTIVITY = Deal.__table__, Stage.__table__, Activity.__table__
_QUAL, _COMPANY, _COLLAB = Qualification.__table__, Company.__table__, Collaborator.__table__
TEAM, DEAL = bindparam("team"), bindparam("deal")
BANT = ("qualified", "temperature", "budget", "authority", "need", "timeline")  # Bant's
Origin = tuple[str | None, str | None]  # (ts, channel) of the message a lead came from


def _team(t, unindexed: bool):
    """t's team_id, for a term `= deal.team_id`; `unindexed` (SQLite's activities) as
    `+team_id`, which no index serves: without ANALYZE's statistics SQLite would read a
    deal's activities through the workspace's indexes (every deal's, newest first)
    instead of the deal's own (ix_activity_deal_at)."""
    if not unindexed:
        return t.c.team_id
    return UnaryExpression(t.c.team_id, operator=custom_op("+"), type_=t.c.team_id.type)


def _origin(sqlite: bool):
    """(alias, join condition) of the deal's first from_message activity (the message it
    was created from). Not `id = (SELECT min(id) ...)`: PostgreSQL reads min(id) by the
    primary key's order, through every activity of a deal that has none."""
    origin, earlier = _ACTIVITY.alias("origin"), _ACTIVITY.alias("earlier")
    first = ~exists().where(
        earlier.c.deal_id == origin.c.deal_id,
        _team(earlier, sqlite) == origin.c.team_id,
        earlier.c.kind == FROM_MESSAGE,
        earlier.c.id < origin.c.id,
    )
    return origin, and_(
        origin.c.deal_id == _DEAL.c.id,
        _team(origin, sqlite) == _DEAL.c.team_id,
        origin.c.kind == FROM_MESSAGE,
        first,
    )


def _newest_id(table, name: str, unindexed_team: bool):
    """The id of the deal's newest row of `table` (by at, then id), as queries.py orders."""
    t = table.alias(name)
    newest = (
        select(t.c.id)
        .where(t.c.deal_id == _DEAL.c.id, _team(t, unindexed_team) == _DEAL.c.team_id)
        .order_by(t.c.at.desc(), t.c.id.desc())
        .limit(1)
    )
    return newest.correlate(_DEAL).scalar_subquery()


def _card(sqlite: bool):
    (origin, first), last, qual = _origin(sqlite), _ACTIVITY.alias("newest"), _QUAL.alias("bant")
    tagged = exists().where(_COLLAB.c.deal_id == _DEAL.c.id, _COLLAB.c.team_id == _DEAL.c.team_id)
    columns = [
        *_DEAL.c,
        origin.c.message_ts,
        origin.c.from_value,
        _COMPANY.c.name,
        tagged.correlate(_DEAL).label("tagged"),
        *last.c,
        *(qual.c[name] for name in BANT),
        *_STAGE.c,
    ]
    return (
        select(*columns)
        .select_from(_DEAL)
        .outerjoin(origin, first)
        .outerjoin(
            _COMPANY,
            and_(_COMPANY.c.id == _DEAL.c.company_id, _COMPANY.c.team_id == _DEAL.c.team_id),
        )
        .outerjoin(last, last.c.id == _newest_id(_ACTIVITY, "last_of", sqlite))
        .outerjoin(qual, qual.c.id == _newest_id(_QUAL, "bant_of", False))  # (team, deal) index
        .outerjoin(_STAGE, and_(_STAGE.c.team_id == _DEAL.c.team_id, _STAGE.c.active))
        .where(_DEAL.c.id == DEAL, _DEAL.c.team_id == TEAM)
        .order_by(_STAGE.c.position)
    )


def _line(sqlite: bool):
    (origin, first), change = _origin(sqlite), _ACTIVITY.alias("change")
    return (
        select(
            _DEAL.c.number,
            _DEAL.c.channel_id,
            _DEAL.c.card_ts,
            origin.c.message_ts,
            origin.c.from_value,
            *change.c,
        )
        .select_from(_DEAL)
        .outerjoin(origin, first)
        .outerjoin(
            change, and_(change.c.id == bindparam("activity"), change.c.team_id == _DEAL.c.team_id)
        )
        .where(_DEAL.c.id == DEAL, _DEAL.c.team_id == TEAM)
    )


# Built once per database (building a statement costs more than running it): the
# deliverer runs these for every card and thread line.
_CARD = {"postgresql": _card(False), "sqlite": _card(True)}
_LINE = {"postgresql": _line(False), "sqlite": _line(True)}

_DEAL_KEYS = [c.key for c in _DEAL.c]
_ACTIVITY_KEYS = [c.key for c in _ACTIVITY.c]
_STAGE_KEYS = [c.key for c in _STAGE.c]
_D = len(_DEAL_KEYS)  # the card row: deal, origin (2), company, tagged, activity, BANT, stage
_A = _D + 4
_Q = _A + len(_ACTIVITY_KEYS)
_S = _Q + len(BANT)


@dataclass
class Bant:
    """What a card shows of a deal's newest BANT check (read as a Qualification is)."""

    qualified: bool
    temperature: str
    budget: str
    authority: str
    need: str
    timeline: str


@dataclass
class CardRead:
    """What a deal's card shows, as read in one statement."""

    deal: Deal
    stages: list[Stage]  # the workspace's active ones, in pipeline order
    origin: Origin
    company: str | None
    tagged: bool  # whether anyone is tagged on it (collaborators are read only then)
    last: Activity | None  # its newest activity
    bant: Bant | None  # its newest BANT check, None if never checked


@dataclass
class LineRead:
    """What a thread line needs: where the deal's card is, and the activity it tells."""

    number: int
    channel_id: str | None
    card_ts: str | None
    origin: Origin
    change: Activity | None


def card(*, session: Session, team_id: str, deal_id: int) -> CardRead | None:
    """The deal's card as stored now, in one statement; None if not in the workspace."""
    stmt = _CARD[session.get_bind().dialect.name]
    rows = [tuple(r) for r in session.execute(stmt, {"team": team_id, "deal": deal_id})]
    if not rows:
        return None
    first = rows[0]
    return CardRead(
        deal=of_row(Deal, _DEAL_KEYS, first[:_D]),
        stages=[of_row(Stage, _STAGE_KEYS, r[_S:]) for r in rows if r[_S] is not None],
        origin=(first[_D], first[_D + 1]),
        company=first[_D + 2],
        tagged=bool(first[_D + 3]),
        last=of_row(Activity, _ACTIVITY_KEYS, first[_A:_Q]) if first[_A] is not None else None,
        bant=Bant(*first[_Q:_S]) if first[_Q] is not None else None,
    )


def line(
    *, session: Session, team_id: str, deal_id: int, activity_id: int | None
) -> LineRead | None:
    """Where the deal's card is and the activity (of this workspace) a thread line tells,
    in one statement; None if the deal is not in the workspace."""
    params = {"team": team_id, "deal": deal_id, "activity": activity_id}
    found = session.execute(_LINE[session.get_bind().dialect.name], params).first()
    if found is None:
        return None
    number, channel_id, card_ts, ts, channel, *change = found
    return LineRead(
        number=number,
        channel_id=channel_id,
        card_ts=card_ts,
        origin=(ts, channel),
        change=of_row(Activity, _ACTIVITY_KEYS, change) if change[0] is not None else None,
    )
