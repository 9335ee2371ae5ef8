"""Typed values carried by buttons and modals (private_metadata)."""

from pydantic import BaseModel, ValidationError

from bot.common.errors import InvalidInput


class MoveValue(BaseModel):
    """A stage move a button or select asks for: deal, the stage it expects to leave, target."""

    deal: int
    frm: int
    to: int

    def dump(self) -> str:
        """The compact form Slack carries in an element's value."""
        return f"{self.deal}:{self.frm}:{self.to}"

    @classmethod
    def load(cls, value: str) -> "MoveValue":
        """Read the compact form; a forged or broken value is refused."""
        try:
            deal, frm, to = (int(x) for x in value.split(":"))
            return cls(deal=deal, frm=frm, to=to)
        except (ValueError, ValidationError) as e:
            raise InvalidInput("broken_move_button") from e


class DealAt(BaseModel):
    """A card button's value: the deal, and the stage the card shows it in."""

    deal: int
    stage: int

    def dump(self) -> str:
        """The compact form Slack carries in an element's value."""
        return f"{self.deal}:{self.stage}"

    @classmethod
    def load(cls, value: str) -> "DealAt":
        """Read the compact form; a forged or broken value is refused."""
        try:
            deal, stage = (int(x) for x in value.split(":"))
            return cls(deal=deal, stage=stage)
        except (ValueError, ValidationError) as e:
            raise InvalidInput("broken_card_button") from e


class ModalMeta(BaseModel):
    """private_metadata of our modals: where it was opened, and the deal as the user saw it."""

    channel: str | None = None
    deal: int | None = None
    stage: int | None = None

    def dump(self) -> str:
        """JSON for private_metadata."""
        return self.model_dump_json(exclude_none=True)

    @classmethod
    def load(cls, raw: str | None) -> "ModalMeta":
        """Read private_metadata; a forged value is refused."""
        try:
            return cls.model_validate_json(raw or "{}")
        except ValidationError as e:
            raise InvalidInput("broken_form") from e
