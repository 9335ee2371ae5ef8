"""Typed values carried by buttons and modals (private_metadata)."""

from typing import Annotated, Any

from pydantic import BaseModel, Field, ValidationError

from bot.common.errors import InvalidInput

# Deal numbers and stage ids are 32-bit integers in the database; a value outside that
# range comes from a forged element and would make PostgreSQL fail, not refuse.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Channel = Annotated[str, Field(pattern=r"^[A-Z0-9]{1,32}$")]


def _ints(value: Any, count: int) -> list[int]:
    """The `count` integers of a compact value like `12:3`; ValueError when it is not one."""
    if not isinstance(value, str):
        raise ValueError("not a string")
    parts = value.split(":")
    if len(parts) != count or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError("not a compact value")
    return [int(p) for p in parts]


class MoveValue(BaseModel):
    """A stage move a button or select asks for: deal, the stage it expects to leave, target."""

    deal: Id
    frm: Id
    to: Id

    def dump(self) -> str:
        """The compact form Slack carries in an element's value."""
        return f"{self.deal}:{self.frm}:{self.to}"

    @classmethod
    def load(cls, value: Any) -> "MoveValue":
        """Read the compact form; a forged or broken value is refused."""
        try:
            deal, frm, to = _ints(value, 3)
            return cls(deal=deal, frm=frm, to=to)
        except (ValueError, ValidationError) as e:
            raise InvalidInput("broken_move_button") from e


class DealAt(BaseModel):
    """A card button's value: the deal, and the stage the card shows it in."""

    deal: Id
    stage: Id

    def dump(self) -> str:
        """The compact form Slack carries in an element's value."""
        return f"{self.deal}:{self.stage}"

    @classmethod
    def load(cls, value: Any) -> "DealAt":
        """Read the compact form; a forged or broken value is refused."""
        try:
            deal, stage = _ints(value, 2)
            return cls(deal=deal, stage=stage)
        except (ValueError, ValidationError) as e:
            raise InvalidInput("broken_card_button") from e


class MessageOrigin(BaseModel):
    """The Slack message a shortcut's form is about (handlers/shortcuts): its channel, the
    thread it is in (its own ts when it starts none), its permalink, whether the card goes
    in that thread, and its author when not a teammate; for "Add to deal…" the note."""

    channel: Channel
    thread: Annotated[str, Field(pattern=r"^\d{1,12}\.\d{1,9}$")]
    link: Annotated[str, Field(pattern=r"^https://[^\s<>|]{1,480}$")]
    in_thread: bool = False
    contact: Annotated[str, Field(max_length=200)] | None = None
    email: Annotated[str, Field(max_length=254)] | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None
    mentioned: Annotated[list[Channel], Field(max_length=20)] = []


class ModalMeta(BaseModel):
    """private_metadata of our modals: where it was opened, and the deal as the user saw it."""

    channel: Channel | None = None
    deal: Id | None = None
    stage: Id | None = None
    origin: MessageOrigin | None = None  # a form opened by a message shortcut

    def dump(self) -> str:
        """JSON for private_metadata."""
        return self.model_dump_json(exclude_none=True)

    @classmethod
    def load(cls, raw: Any) -> "ModalMeta":
        """Read private_metadata; a forged value is refused."""
        if raw is not None and not isinstance(raw, str):
            raise InvalidInput("broken_form")
        try:
            return cls.model_validate_json(raw or "{}")
        except ValidationError as e:
            raise InvalidInput("broken_form") from e
