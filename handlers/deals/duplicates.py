"""The duplicate warning of /deal new: Open #12, or Create anyway (once)."""

import re

from pydantic import BaseModel, Field, ValidationError
from slack_bolt import Ack, App, BoltContext, Respond
from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.common.money import parse_amount
from bot.deals import duplicates
from bot.i18n import _, n_
from bot.pipeline.templates import local_name
from bot.workspaces.service import ensure_workspace
from handlers.deals.listing import shown
from handlers.deals.words import deal_list
from handlers.kit import blocks, errors
from handlers.kit import text as fmt
from handlers.kit.context import Reply
from handlers.kit.ids import Verb
from handlers.kit.inbound import action_value, team_of
from storage.db import session_scope

VALUE_MAX = 2000  # Slack's limit on a button's value


class Anyway(BaseModel):
    """What Create anyway carries: the deal as typed, and the last number the warning saw."""

    seen: int = Field(ge=0, lt=10**9)
    name: str = Field(max_length=150)
    amount: str | None = Field(default=None, max_length=60)
    owner: str | None = Field(default=None, pattern=r"^[UW][A-Z0-9]{1,31}$")

    @classmethod
    def load(cls, raw: str) -> "Anyway":
        """Read a button's value; a forged or broken one is refused."""
        try:
            return cls.model_validate_json(raw)
        except ValidationError as e:
            raise InvalidInput("broken_card_button") from e


def warning(
    s: Session, team_id: str, name: str, amount: str | None, owner: str | None
) -> Reply | None:
    """The warning for a new deal named like an open one, or None when there is none."""
    similar = duplicates.similar_open(session=s, team_id=team_id, name=name)
    if not similar:
        return None
    seen = duplicates.seen_up_to(session=s, team_id=team_id)
    value = Anyway(seen=seen, name=name, amount=amount, owner=owner).model_dump_json()
    text = n_(
        "An open deal has a similar name: {deals}. Nothing was created yet.",
        "Open deals have a similar name: {deals}. Nothing was created yet.",
        len(similar),
    ).format(deals=deal_list(similar))
    buttons = [
        blocks.button(_("Open #{number}").format(number=n), f"{Verb.duplicate_open}:{n}", str(n))
        for n, __ in similar
    ]
    if len(value) <= VALUE_MAX:
        buttons.append(blocks.button(_("Create anyway"), Verb.create_anyway, value, "primary"))
    return Reply(text=text, blocks=[blocks.text(text), {"type": "actions", "elements": buttons}])


def on_open(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    """Open #12: the deal's card and history, as `/deal show 12`, only to the clicker."""
    ack()
    try:
        number = action_value(action)
        if not (number.isascii() and number.isdigit() and len(number) <= 9):
            raise InvalidInput("broken_card_button")
        respond(
            response_type="ephemeral", replace_original=False, **shown(team_of(context), number, 0)
        )
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)


def on_create(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    """Create anyway: the deal exactly as typed; a second click creates nothing more."""
    ack()
    team_id, user_id = team_of(context), body["user"]["id"]
    try:
        typed = Anyway.load(action_value(action))
        with session_scope() as s:
            s.info["response_url"] = body.get("response_url")
            currency = ensure_workspace(session=s, team_id=team_id).currency
            view = duplicates.create_once(
                session=s,
                team_id=team_id,
                actor=user_id,
                seen=typed.seen,
                name=typed.name,
                amount=parse_amount(typed.amount, currency) if typed.amount else None,
                owner=typed.owner,
                channel_id=context.channel_id,
            )
        text = _("Created {deal} in {stage}.").format(
            deal=fmt.deal_title(view.deal), stage=local_name(view.stage.name)
        )
        respond(text=text, replace_original=True)
    except Exception as exc:
        respond(text=errors.describe(exc), response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    """Register the warning's buttons."""
    app.action(re.compile(f"^{Verb.duplicate_open}:"))(on_open)
    app.action(Verb.create_anyway)(on_create)
