"""Modal submissions: New lead, Lost reason, Add note, Tag teammates."""

from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.accounts import service as accounts
from bot.common.errors import DomainError, InvalidInput
from bot.common.money import parse_amount
from bot.deals import edits, outcomes
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.deals.vocab import LOSS_REASONS
from bot.followups import service as followups
from bot.i18n import _
from bot.pipeline.templates import local_name
from bot.teams import access
from bot.workspaces.service import ensure_workspace
from handlers.deals import form_warning
from handlers.deals.changes import check_people
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.forms import form_values, refusal
from handlers.kit.ids import Block, Callback, Shortcut
from handlers.kit.inbound import team_of
from handlers.kit.metadata import ModalMeta
from handlers.nudges import dms as nudges
from handlers.shortcuts import lead as lead_shortcut
from storage.db import session_scope
from storage.types import utcnow

ERROR_MAX = 2000  # Slack's limit on a field's error in a modal


def check(problems: dict[str, str], block: str, fn: Callable[[], object]) -> object:
    """Run one field's check; a DomainError becomes that field's error."""
    try:
        return fn()
    except DomainError as e:
        problems[block] = errors.words(e)[:ERROR_MAX]
        return None


def on_new_lead(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    """Create the lead from the form; field errors go back into the form."""
    team_id, user_id = team_of(context), body["user"]["id"]
    try:
        f = form_values(view)
        meta = ModalMeta.load(view.get("private_metadata"))
        # What Slack must say (the owner is a person, the card's channel takes it) is asked
        # before the unit of work, and the refusal (which may ask Slack for names) after it:
        # no transaction stays open while Slack takes its time.
        problems: dict[str, str] = {}
        if f.get(Block.owner):
            check(problems, Block.owner, lambda: check_people(client, [f[Block.owner]]))
        channel = lead_shortcut.card_channel(meta, f)  # a shortcut's form picks it
        cannot = lead_shortcut.cannot_post_card(client, meta, f)
        if cannot:
            problems[Shortcut.card_channel] = cannot
        v = None
        with session_scope() as s:
            currency = ensure_workspace(session=s, team_id=team_id).currency
            amount = check(
                problems,
                Block.value,
                lambda: parse_amount(f[Block.value], currency) if f.get(Block.value) else None,
            )
            check(problems, Block.name, lambda: deals.check_name(f.get(Block.name, "")))
            today = utcnow().date()
            close = check(
                problems,
                Block.close,
                lambda: edits.parse_close(f[Block.close], today) if f.get(Block.close) else None,
            )
            step = f.get(Block.next_step) or ""  # `demo by 2026-12-05`, as `/deal set … next`
            check(problems, Block.next_step, lambda: followups.due_day(step, today))
            if not problems:
                warning = form_warning.warned(s, team_id, view, f, f[Block.name])
                if warning:
                    ack(**warning)
                    return
                v = deals.create(
                    session=s,
                    team_id=team_id,
                    actor=user_id,
                    name=f[Block.name],
                    amount=amount,
                    company=f.get(Block.company) or None,
                    owner=f.get(Block.owner) or None,
                    source=f.get(Block.source) or None,
                    close_date=close,
                    next_step=f.get(Block.next_step) or None,
                    channel_id=channel,
                )
                if v.deal.next_step:
                    followups.next_step_due(s, v.deal, user_id, v.deal.next_step, today)
                lead_shortcut.keep_origin(s, v, user_id, meta)
    except Exception as exc:
        ack(**refusal(view, {Block.name: errors.describe(exc)}, client))
        return
    if v is None:
        ack(**refusal(view, problems, client))
        return
    ack()
    told = meta if meta.channel else meta.model_copy(update={"channel": channel})
    created = _("Created {deal} in {stage}.").format(
        deal=fmt.deal_title(v.deal), stage=local_name(v.stage.name)
    )
    after_submit(client, told, user_id, created)


def after_submit(client: WebClient, meta: ModalMeta, user_id: str, text: str) -> None:
    """Tell the user what happened, where they opened the form (the card and its thread
    follow from the outbox)."""

    def tell(message: str) -> None:
        if meta.channel:
            client.chat_postEphemeral(channel=meta.channel, user=user_id, text=message)

    errors.guarded(lambda: tell(text), tell)


def deal_form(
    block: str,
    change: Callable[[str, str, ModalMeta, dict], DealView],
    confirm: Callable[[DealView], str],
    vet: Callable[[WebClient, dict], None] | None = None,
) -> Callable[..., None]:
    """A listener for a form about one deal: validate, change, ack, then update Slack."""

    def listener(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
        team_id, user_id = team_of(context), body["user"]["id"]
        try:
            meta = ModalMeta.load(view.get("private_metadata"))
            if meta.deal is None:
                raise InvalidInput("broken_form")
            f = form_values(view)
            if vet:  # checks that ask Slack, e.g. that tagged people are people
                vet(client, f)
            # Slack is asked who is an admin with no unit of work open (access.py)
            v = access.asking_first(lambda: change(team_id, user_id, meta, f))
        except Exception as exc:
            ack(**refusal(view, {block: errors.describe(exc)}, client))
            return
        ack()
        after_submit(client, meta, user_id, confirm(v))

    return listener


def lost_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Mark the deal lost with the picked reason and the details."""
    label = LOSS_REASONS.get(f.get(Block.reason, ""), "")
    if not label:
        raise InvalidInput("lost_reason_unpicked")
    reason = f"{label}: {f[Block.reason_text]}" if f.get(Block.reason_text) else label
    with session_scope() as s:
        return outcomes.lost(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            reason=reason,
            expected_stage_id=meta.stage,
        )


def note_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Add the note."""
    with session_scope() as s:
        return edits.note(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            text=f.get(Block.note, ""),
        )


def tag_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Tag the chosen teammates."""
    with session_scope() as s:
        view, _added, _already = edits.tag(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            user_ids=f.get(Block.people, []),
            reason=f.get(Block.why) or None,
        )
        return view


def contact_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Add the contact to the deal's account."""
    with session_scope() as s:
        view, _contact = accounts.add_contact(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            name=f.get(Block.contact_name, ""),
            email=f.get(Block.contact_email, ""),
            title=f.get(Block.contact_title) or None,
            role=f.get(Block.contact_role) or None,
        )
        return view


def register(app: App) -> None:
    """Register modal submissions."""
    app.view(Callback.new_lead)(on_new_lead)
    app.view(Callback.lost_reason)(
        deal_form(
            Block.reason,
            lost_change,
            lambda v: _("{deal} is lost.").format(deal=fmt.deal_title(v.deal)),
        )
    )
    app.view(Callback.note)(
        deal_form(
            Block.note,
            note_change,
            lambda v: _("Noted on {deal}.").format(deal=fmt.deal_title(v.deal)),
        )
    )
    app.view(Callback.contact)(
        deal_form(
            Block.contact_email,
            contact_change,
            lambda v: _("Added a contact to {deal}.").format(deal=fmt.deal_title(v.deal)),
        )
    )
    app.view(Callback.next_step)(
        deal_form(
            Block.next_text,
            nudges.next_step_change,
            lambda v: _("Next step on {deal} saved.").format(deal=fmt.deal_title(v.deal)),
        )
    )
    app.view(Callback.snooze)(
        deal_form(
            Block.snooze_until,
            nudges.snooze_change,
            lambda v: _("{deal} is snoozed until {day}.").format(
                deal=fmt.deal_title(v.deal), day=v.deal.snoozed_until.isoformat()
            ),
        )
    )
    app.view(Callback.tag)(
        deal_form(
            Block.people,
            tag_change,
            lambda v: _("Tagged teammates on {deal}.").format(deal=fmt.deal_title(v.deal)),
            vet=lambda client, f: check_people(client, f.get(Block.people, [])),
        )
    )
