"""Model objects of rows read or written by Core statements, built as the ORM builds a
loaded object (no model __init__, no attribute events, nothing to write back), for the
hot paths where the ORM's own bookkeeping costs more than the statement."""

from sqlalchemy.orm import class_mapper
from sqlalchemy.orm.attributes import instance_state
from sqlmodel import Session, SQLModel


def detached(model: type[SQLModel], values: dict) -> SQLModel:
    """The object of a row, `values` holding every column (its primary key included), in
    no session: as one loaded and then closed. Adding it to a session attaches it as the
    row it is (make_transient_to_detached does the same, at twice the cost)."""
    mapper = class_mapper(model)
    obj = mapper.class_manager.new_instance()
    obj.__dict__.update(values)
    instance_state(obj).key = mapper.identity_key_from_primary_key(
        [values[c.key] for c in mapper.primary_key]
    )
    return obj


def of_row(model: type[SQLModel], keys: list[str], values) -> SQLModel:
    """detached() of a Core row's values, in the order of `keys` (the table's columns)."""
    return detached(model, dict(zip(keys, values, strict=True)))


def attached(session: Session, model: type[SQLModel], values: dict) -> SQLModel:
    """The object of a row this unit of work just wrote, in the session as if read there:
    found by its id without a read, and a later change to it is written by the next flush."""
    obj = detached(model, values)
    session.add(obj)
    return obj
