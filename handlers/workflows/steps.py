"""Workflow Builder steps (manifest.yml `functions`): "Create lead" and "Move deal".

Slack runs a step with a `function_executed` event. Bolt acknowledges it; the listener
reads the inputs, makes the change through the same service code as `/deal new` and
`/deal move` (so the card, its thread line, DMs and Home follow through the outbox), then
completes the step: `functions.completeSuccess` with its outputs, or
`functions.completeError` with what was wrong and nothing written. Bolt makes both calls
(and the listener's other calls) with the event's `bot_access_token`, as Slack requires.

Who acts: Move deal acts as the person who ran the workflow, read from its `moved_by`
input of type `slack#/types/user_context`, which only Slack fills (a builder cannot type
someone else in); the roles rule (bot/teams/access.py) is asked for them as for
`/deal move`. Create lead is open to every member, as `/deal new` is: its history names
the runner (`created_by`) or, in a workflow nobody ran by hand, the owner.
A delivery Slack repeats (the same event_id) is applied once.
"""

import logging
from collections.abc import Callable

from slack_bolt import App, BoltContext, Complete, Fail
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.common.errors import InvalidAmount, InvalidInput, NeedsQualification
from bot.common.money import Money, parse_amount
from bot.deals import service as deals
from bot.i18n import _
from bot.runtime.links import deal_link
from bot.teams import access
from bot.threads.service import first_time
from bot.workspaces.service import ensure_workspace
from handlers.deals.changes import check_people
from handlers.kit.channels import not_here
from handlers.kit.context import Ctx
from handlers.kit.errors import describe
from handlers.kit.ids import Function
from handlers.kit.inbound import team_of
from handlers.workflows import inputs as read
from handlers.workflows import words
from storage.db import session_scope

log = logging.getLogger("dealbot")

Outputs = dict[str, object]


def create_lead(
    event: dict, body: dict, client: WebClient, context: BoltContext, complete: Complete, fail: Fail
) -> None:
    """Create lead: a lead in the pipeline's first stage, its card in the chosen channel."""
    team_id, given = team_of(context), event.get("inputs") or {}

    def work() -> Outputs | None:
        name = deals.check_name(read.text(given, "name", required=True) or "")
        company = read.text(given, "company")
        amount_text = read.text(given, "amount")
        owner = read.user(given, "owner")
        runner = read.person(given, "created_by")
        channel = read.channel(given, "channel")
        if owner is None and runner is None:
            raise read.StepInput(words.missing("owner"))
        if owner is not None:
            owner_is_a_teammate(client, owner)
        actor = runner or owner
        ctx = Ctx(team_id=team_id, user_id=actor, channel_id=channel, client=client, tell=ignore)
        if not_here(ctx, nothing="nothing was created"):  # joins a public channel first
            raise read.StepInput(words.channel_refused(channel))
        with session_scope() as s:
            if not first_time(s, team_id, body.get("event_id")):
                return None  # Slack's retry of a step already done
            currency = ensure_workspace(session=s, team_id=team_id).currency
            amount = money(amount_text, currency)
            view = deals.create(
                session=s,
                team_id=team_id,
                actor=actor,
                name=name,
                amount=amount,
                owner=owner,
                company=company,
                channel_id=channel,
            )
            number, saved = view.deal.number, view.deal.name
        outputs: Outputs = {"deal_number": number, "deal_name": saved}
        link = deal_link(team_id, number)
        if link:  # without DEALBOT_PUBLIC_URL deals have no link
            outputs["deal_link"] = link
        return outputs

    finish(Function.create_lead, work, complete, fail)


def owner_is_a_teammate(client: WebClient, owner: str) -> None:
    """Refuse a bot, someone Slack does not know or who left, as `/deal new @bob` does."""
    try:
        check_people(client, [owner])
    except InvalidInput as exc:
        raise read.StepInput(words.owner_refused(exc.data["problems"])) from None


def ignore(_text: str) -> None:
    """Nobody to tell at once: a step's answer is its completion."""


def money(text: str | None, currency: str) -> Money | None:
    """The Value input as money, or None when empty; words that name the input if not."""
    if text is None:
        return None
    try:
        return parse_amount(text, currency)
    except InvalidAmount as exc:
        said = _("The step's *Value* input: {reason}").format(reason=describe(exc))
        raise read.StepInput(said) from None


def move_deal(
    event: dict, body: dict, client: WebClient, context: BoltContext, complete: Complete, fail: Fail
) -> None:
    """Move deal: the deal to the stage, as the person who ran the workflow."""
    team_id, given = team_of(context), event.get("inputs") or {}

    def work() -> Outputs | None:
        ref = read.text(given, "deal", required=True)
        stage = read.text(given, "stage", required=True)
        actor = read.person(given, "moved_by", required=True)
        with session_scope() as s:
            if not first_time(s, team_id, body.get("event_id")):
                return None
            moved = deals.move(session=s, team_id=team_id, actor=actor, ref=ref, to=stage)
            v = moved.view
            return {
                "stage_name": v.stage.name,
                "stage_key": v.stage.key,
                "deal_number": v.deal.number,
            }

    finish(Function.move_deal, work, complete, fail)


def finish(
    step: Function, work: Callable[[], Outputs | None], complete: Complete, fail: Fail
) -> None:
    """Run the step's work and complete it: its outputs, or a readable error."""
    try:  # Slack is asked who is an admin with no unit of work open (access.py)
        outputs = access.asking_first(work)
    except read.StepInput as exc:
        reason = str(exc)
    except NeedsQualification as exc:  # a step cannot offer Move anyway
        reason = words.unqualified(**exc.data)
    except Exception as exc:  # domain refusals in their words; anything else logged, referenced
        reason = describe(exc)
    else:
        if outputs is not None:
            tell_slack(step, complete, outputs=outputs)
        return
    tell_slack(step, fail, error=words.failed(step.value, reason))


def tell_slack(step: Function, completion: Callable, **kwargs: object) -> None:
    """Complete the step; a refusal or a lost answer is logged (Slack times the step out)."""
    try:
        completion(**kwargs)
    except (SlackApiError, OSError) as exc:
        log.warning("could not complete the %s step: %s", step.value, exc)


def register(app: App) -> None:
    """Listen for every step manifest.yml declares."""
    app.function(Function.create_lead.value)(create_lead)
    app.function(Function.move_deal.value)(move_deal)
