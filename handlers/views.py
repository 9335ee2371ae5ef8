"""Modal submissions."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import deals
from bot.errors import DomainError
from bot.money import parse_amount
from bot.workspaces import ensure_workspace
from handlers import cards, errors
from handlers import format as fmt
from handlers.ids import Block, Callback, Field
from handlers.values import ModalMeta
from storage.db import session_scope


def field(view: dict, block: str, action: str) -> str:
    """The text typed into a modal's input, stripped ('' when empty)."""
    value = view["state"]["values"].get(block, {}).get(action, {}).get("value")
    return (value or "").strip()


def on_new_lead(ack: Ack, body: dict, view: dict, client: WebClient) -> None:
    """Create the lead from the form; field errors go back into the form."""
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    name = field(view, Block.name, Field.name)
    company = field(view, Block.company, Field.company) or None
    value_text = field(view, Block.value, Field.value)
    try:
        meta = ModalMeta.load(view.get("private_metadata"))
        with session_scope() as s:
            currency = ensure_workspace(session=s, team_id=team_id).currency
            problems: dict[str, str] = {}
            amount = None
            try:
                amount = parse_amount(value_text, currency) if value_text else None
            except DomainError as e:
                problems[Block.value] = str(e)
            try:
                deals.check_name(name)
            except DomainError as e:
                problems[Block.name] = str(e)
            if problems:
                ack(response_action="errors", errors=problems)
                return
            v = deals.create(
                session=s,
                team_id=team_id,
                actor=user_id,
                name=name,
                amount=amount,
                company=company,
                channel_id=meta.channel,
            )
    except Exception as exc:
        ack(response_action="errors", errors={Block.name: errors.describe(exc)[:150]})
        return
    ack()
    channel = meta.channel

    def tell(text: str) -> None:
        if channel:
            client.chat_postEphemeral(channel=channel, user=user_id, text=text)

    def after() -> None:
        tell(f"Created {fmt.deal_title(v.deal)} in {v.stage.name}.")
        if channel:
            cards.post_or_explain(client, v, channel, tell)

    errors.guarded(after, tell)


def register(app: App) -> None:
    """Register modal submissions."""
    app.view(Callback.new_lead)(on_new_lead)
