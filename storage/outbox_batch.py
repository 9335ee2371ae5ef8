"""Every outbox row is written here: a change's rows in one `INSERT ... SELECT ...
RETURNING`, written as its unit of work commits, each deal's first row taken for sending
at once when the deliverer has a thread for it, and the Home refreshes of those who opened
Home selected by the same statement (bot/deals/effects.py writes through it). One
statement instead of an INSERT per row, a read of who opened Home and an UPDATE to take
the card: the hot path of every command (issue 15). A scheduled run's row (a digest, a
nudge, a reminder) or a notice is one row written at once (`enqueue_one`)."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    JSON,
    Integer,
    String,
    bindparam,
    case,
    cast,
    event,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from storage.models import Collaborator, Outbox, UserSetting
from storage.outbox_queries import OPEN
from storage.types import utcnow

HOME = "home"
CHUNK = 100  # rows per statement (SQLite takes at most 500 SELECTs in one UNION)
_ROW = ("team_id", "kind", "deal_id", "ref_id", "channel_id", "user_id", "payload",
        "coalesce_key")  # fmt: skip
_STATE = ("status", "attempts", "lease_until")  # pending, 0, none; or taken: sending, 1, lease
_SAME = ("uncertain", "created_at", "due_at")  # False, now, now
_SHAPES: dict[tuple, object] = {}  # the statement for each shape, built once


@dataclass(frozen=True)
class Offer:
    """What the deliverer can send at once, said by its commit hook before a unit of
    work's staged rows are written: for how many deals, under what lease."""

    free: int
    now: datetime
    lease: timedelta


def enqueue_one(
    *,
    session: Session,
    team_id: str,
    kind: str,
    deal_id: int | None = None,
    ref_id: int | None = None,
    channel_id: str | None = None,
    user_id: str | None = None,
    payload: str | None = None,
    coalesce_key: str | None = None,
) -> int | None:
    """Add one row now (as `enqueue_many`): its id, or None when a pending row with its
    coalesce_key is waiting."""
    row = {"team_id": team_id, "kind": kind, "deal_id": deal_id, "ref_id": ref_id,
           "channel_id": channel_id, "user_id": user_id, "payload": payload,
           "coalesce_key": coalesce_key}  # fmt: skip
    added = enqueue_many(session=session, rows=[row], homes={})
    return added[0] if added else None


def enqueue_at_commit(
    *, session: Session, rows: list[dict], homes: dict[str, tuple[list[str], list[int]]]
) -> None:
    """Write these rows (as `enqueue_many`) as the unit of work commits, once its commit
    hooks ran (a listener on the session): when the deliverer's hook offered a thread for
    each of their deals (`outbox_offer`), each deal's first row is written taken, in the
    same statement."""
    if "outbox_staged" not in session.info:
        event.listen(session, "before_commit", _write_staged, once=True)
        session.info["outbox_staged"] = ([], {})
    staged_rows, staged_homes = session.info["outbox_staged"]
    staged_rows += rows
    for team_id, (people, deal_ids) in homes.items():
        named, tagged = staged_homes.setdefault(team_id, ([], []))
        named += [u for u in people if u not in named]
        tagged += deal_ids


def _write_staged(session: Session) -> None:
    rows, homes = session.info.pop("outbox_staged")
    session.flush()  # what the unit changed since (a Home opened) is read by the insert
    offer: Offer | None = session.info.pop("outbox_offer", None)
    deals = {row["deal_id"] for row in rows if row.get("deal_id") is not None}
    take = offer if offer is not None and deals and len(deals) <= offer.free else None
    enqueue_many(session=session, rows=rows, homes=homes, take=take)


def enqueue_many(
    *,
    session: Session,
    rows: list[dict],
    homes: dict[str, tuple[list[str], list[int]]],
    take: Offer | None = None,
) -> list[int]:
    """Add a change's rows, in order, and a Home refresh for those of some people who have
    opened their Home tab, in one INSERT ... SELECT: the ids of the rows added.

    `rows`: column dicts (of _ROW), each with team_id and kind; one with a coalesce_key is
    not added while a pending row has that key, nor after an earlier row of `rows` with
    it. `take`: each deal's first row is written taken (sending, under the lease) unless an
    earlier row of the deal is open; the rows taken are the deliverer's to send once this
    commits (`outbox_taken`). `homes`: per team, the people named and deals whose
    collaborators are meant too; their Home rows coalesce per person. Who of them opened
    Home is read by the same statement.
    """
    rows = _first_of_each_key(rows)
    if len(rows) > CHUNK:  # rare (a pipeline switch): in order, the Homes with the last
        added = enqueue_many(session=session, rows=rows[:CHUNK], homes={})
        return added + enqueue_many(session=session, rows=rows[CHUNK:], homes=homes)
    if not rows and not homes:
        return []
    params: dict = {"uncertain": False, "now": utcnow(), "pending": "pending", "zero": 0}
    params["lease_until"] = take.now + take.lease if take else None
    params["home"] = HOME
    firsts: set[int] = set()  # the rows that may be taken: each deal's first
    seen: set[int] = set()
    for i, row in enumerate(rows):
        params.update({f"r{i}_{c}": row.get(c) for c in _ROW})
        if take and row.get("deal_id") is not None and row["deal_id"] not in seen:
            seen.add(row["deal_id"])
            firsts.add(i)
    shape = []
    for j, (team_id, (people, deal_ids)) in enumerate(homes.items()):
        params.update({f"h{j}_team": team_id, f"h{j}_key": f"{HOME}:{team_id}:"})
        params.update({f"h{j}_people": json.dumps(people), f"h{j}_deals": json.dumps(deal_ids)})
        shape.append(bool(deal_ids))
    key = (session.get_bind().dialect.name, len(rows), frozenset(firsts), tuple(shape))
    if key not in _SHAPES:
        _SHAPES[key] = _statement(key[0], len(rows), firsts, shape)
    added = sorted(session.execute(_SHAPES[key], params), key=lambda r: r.id)
    session.info["outbox"] = True  # the deliverer is kicked once this commits
    session.info.setdefault("outbox_new", []).extend((r.id, r.deal_id) for r in added)
    taken = [r for r in added if r.status == "sending"]  # read like an Outbox
    if taken:
        session.info.setdefault("outbox_taken", []).extend(taken)
    return [r.id for r in added]


def _first_of_each_key(rows: list[dict]) -> list[dict]:
    """The rows but those whose coalesce_key an earlier one has: the first stands for them
    (written taken, it is no longer pending, and the index would let the next one in)."""
    keys: set[str] = set()
    kept = []
    for row in rows:
        key = row.get("coalesce_key")
        if key is not None:
            if key in keys:
                continue
            keys.add(key)
        kept.append(row)
    return kept


def _statement(dialect: str, rows: int, firsts: set[int], homes: list[bool]):
    """INSERT ... SELECT of `rows` rows given as parameters (those in `firsts` taken unless
    their deal has an open row), then each team's Home rows."""
    table = Outbox.__table__

    def value(name: str, column: str):
        return bindparam(name, type_=table.c[column].type).label(column)

    def row(i: int):
        given = [value(f"r{i}_{c}", c) for c in _ROW]
        state = _taken_unless_open(given[_ROW.index("deal_id")].element) if i in firsts else waits
        return select(*given, *state, *same)

    waits = [value("pending", "status"), value("zero", "attempts"), _none("lease_until")]
    same = [value("uncertain", "uncertain"), value("now", "created_at"), value("now", "due_at")]
    parts = [row(i) for i in range(rows)]
    rest = [*waits, *same]
    parts += [_home_rows(dialect, j, deals, value, rest) for j, deals in enumerate(homes)]
    # SQLite reads `ON CONFLICT` after a SELECT without WHERE as a join's ON.
    chosen = parts[0].where(true()) if len(parts) == 1 else union_all(*parts)
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(table)
        .from_select([*_ROW, *_STATE, *_SAME], chosen)
        .on_conflict_do_nothing()  # only rows with a coalesce_key can conflict
        .returning(*table.c)
    )


def _taken_unless_open(deal_id) -> list:
    """Status, attempts and lease of a row taken at once unless its deal has an open row
    (the statement does not see its own rows: they wait behind the first)."""
    earlier = Outbox.__table__.alias("earlier")
    # The states written into the SQL, not bound: SQLAlchemy writes a bound IN list into
    # the statement's text again on every execution (its post-compile step).
    states = [literal_column(f"'{state}'") for state in OPEN]
    waiting = exists().where(earlier.c.deal_id == deal_id, earlier.c.status.in_(states))
    lease = bindparam("lease_until", type_=Outbox.__table__.c.lease_until.type)
    return [
        case((waiting, "pending"), else_="sending").label("status"),
        case((waiting, 0), else_=1).label("attempts"),
        case((waiting, null()), else_=lease).label("lease_until"),
    ]


def _none(column: str):
    return cast(null(), Outbox.__table__.c[column].type).label(column)


def _listed(dialect: str, name: str, type_) -> object:
    """The values of a JSON list given as one parameter, as a SELECT: one statement for any
    number of them (an expanding IN is written out again on every execution)."""
    given = bindparam(name, type_=String())
    if dialect == "postgresql":
        values = func.json_array_elements_text(cast(given, JSON)).table_valued("value")
        return select(cast(values.c.value, type_))
    return select(func.json_each(given).table_valued("value").c.value)


def _home_rows(dialect: str, j: int, with_deals: bool, value, rest: list):
    """The Home rows (a SELECT) of the people, and of the deals' collaborators, who have
    opened dealbot's Home tab (team parameters h{j}_..., the people and deals as JSON)."""
    user = col(UserSetting.user_id)
    team = value(f"h{j}_team", "team_id")
    meant = user.in_(_listed(dialect, f"h{j}_people", String()))
    if with_deals:
        tagged = select(Collaborator.user_id).where(
            Collaborator.team_id == team.element,
            col(Collaborator.deal_id).in_(_listed(dialect, f"h{j}_deals", Integer())),
        )
        meant = or_(meant, user.in_(tagged))
    key = bindparam(f"h{j}_key", type_=UserSetting.__table__.c.user_id.type) + user
    columns = {
        "team_id": team,
        "kind": value("home", "kind"),
        "user_id": user.label("user_id"),
        "coalesce_key": key.label("coalesce_key"),
    }
    return select(*(columns.get(c, _none(c)) for c in _ROW), *rest).where(
        UserSetting.team_id == team.element, col(UserSetting.home_seen), meant
    )
