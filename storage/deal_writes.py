"""A new deal's row and every activity row: one prebuilt Core INSERT ... RETURNING id each,
not an ORM add and flush (the unit of work's sort and bookkeeping cost more than the
insert, on every `/deal new` and every change).

The object handed back holds the row as written (the model's Python defaults filled in,
its id from RETURNING) and is in the session as a loaded, unchanged object
(storage/rows.py): the session finds it by id without a read, and a later change to it
is written by the next flush, as to any object read from the database. What the unit of
work held unwritten is flushed before each insert (SQLAlchemy 2 autoflushes before a Core
statement too). Every row carries its team_id.
"""

from sqlalchemy import bindparam, insert
from sqlmodel import Session, SQLModel

from storage import rows
from storage.models import Activity, Deal


def _insert(model: type[SQLModel]):
    """INSERT of every column but the id, each value a parameter of the column's name;
    the new id comes back."""
    table = model.__table__
    columns = [c for c in table.c if c.key != "id"]
    values = {c.key: bindparam(c.key, type_=c.type) for c in columns}
    return insert(table).values(values).returning(table.c.id)


def _defaults(model: type[SQLModel]) -> tuple[frozenset, dict, dict]:
    """The model's columns, and its Python defaults: (column: value) and (column: factory,
    e.g. utcnow)."""
    fixed, made = {}, {}
    for name, field in model.model_fields.items():
        if name == "id" or field.is_required():
            continue
        if field.default_factory is not None:
            made[name] = field.default_factory
        else:
            fixed[name] = field.default
    return frozenset(c.key for c in model.__table__.c if c.key != "id"), fixed, made


# Built once (building a statement costs more than running it): storage/queries.py.
_DEAL, _ACTIVITY = _insert(Deal), _insert(Activity)
_DEAL_DEFAULTS, _ACTIVITY_DEFAULTS = _defaults(Deal), _defaults(Activity)


def _with_defaults(defaults: tuple[frozenset, dict, dict], values: dict) -> dict:
    """The row to insert: the values given, the model's defaults for the others."""
    columns, fixed, made = defaults
    if not values.keys() <= columns:
        raise TypeError(f"not a column: {sorted(values.keys() - columns)}")
    row = {**fixed, **values}
    for name, factory in made.items():
        if name not in values:
            row[name] = factory()
    return row


def add_deal(*, session: Session, team_id: str, **values) -> Deal:
    """Insert a deal (unset columns take the model's defaults); the deal, with its id."""
    row = _with_defaults(_DEAL_DEFAULTS, {"team_id": team_id, **values})
    row["id"] = session.execute(_DEAL, row).scalar_one()
    return rows.attached(session, Deal, row)


def add_activity(*, session: Session, team_id: str, **values) -> Activity:
    """Insert a deal's activity (unset columns take the model's defaults); it, with its id."""
    row = _with_defaults(_ACTIVITY_DEFAULTS, {"team_id": team_id, **values})
    row["id"] = session.execute(_ACTIVITY, row).scalar_one()
    return rows.attached(session, Activity, row)
