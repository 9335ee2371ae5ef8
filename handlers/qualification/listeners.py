"""BANT qualification in Slack: /deal qualify, /deal qualify-rule, its buttons and its forms."""

from datetime import date, timedelta

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.common.money import parse_amount
from bot.deals.service import DealView
from bot.i18n import N_, _
from bot.qualification import bant
from bot.qualification.rule import PARTS, Answers, rule_text
from bot.teams.access import require_admin, require_change
from bot.workspaces.service import ensure_workspace
from handlers.deals.buttons import mover, number_in, refresh_by_number, teller
from handlers.deals.submissions import check, deal_form
from handlers.kit import errors
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from handlers.kit.forms import form_values, refusal
from handlers.kit.ids import Action, Bant
from handlers.kit.inbound import action_value, team_of, trigger_of
from handlers.kit.metadata import DealAt, ModalMeta
from handlers.kit.parse import split_ref
from handlers.kit.units import one_unit
from handlers.qualification.blocks import (
    CHOICES,
    NOTES,
    bant_modal,
    disqualify_modal,
    nurture_modal,
    result_blocks,
)
from storage.db import session_scope
from storage.types import utcnow

FOLLOW_UP_DAYS = 30  # the follow-up date a nurture form suggests
RULE_USAGE = N_(
    "Try `/deal qualify-rule` to see the rule, `/deal qualify-rule 3` (2, 3 or 4 of the four "
    "met) or `/deal qualify-rule strict on|off`."
)


def form_for(
    s: Session,
    team_id: str,
    action_id: str,
    ref: str,
    stage: int | None,
    channel: str | None,
    actor: str,
) -> dict:
    """The form a button or command opens for a deal; refuses a closed or stale deal, and
    someone who may not change it (before they fill the form in)."""
    deal, current = bant.open_deal(s, team_id, ref, stage)
    kind = {Bant.disqualify: "lost", Bant.nurture: "nurture"}.get(action_id, "qualified")
    require_change(s, deal, actor, kind)
    meta = ModalMeta(channel=channel, deal=deal.number, stage=current.id)
    title = fmt.deal_title(deal)
    if action_id == Bant.disqualify:
        return disqualify_modal(meta, title)
    if action_id == Bant.nurture:
        today = utcnow().date()
        suggested = deal.follow_up if deal.follow_up and deal.follow_up >= today else None
        return nurture_modal(meta, title, suggested or today + timedelta(days=FOLLOW_UP_DAYS))
    ws = ensure_workspace(session=s, team_id=team_id)
    last = bant.last_answers(session=s, team_id=team_id, deal_id=deal.id)
    value = fmt.value(deal) if deal.value_minor is not None else None
    return bant_modal(meta, title, last, threshold=ws.qualify_threshold, value=value)


def qualify_command(ctx: Ctx, rest: str) -> Reply:
    """/deal qualify <deal>: open the BANT form."""
    ref, extra = split_ref(rest, _("Try `/deal qualify 12`."))
    if extra:
        example = f"`/deal qualify {fmt.echo(ref)}`"
        return Reply(
            text=_("`/deal qualify` takes only the deal, e.g. {example}.").format(example=example)
        )
    with session_scope() as s:
        form = form_for(s, ctx.team_id, Bant.modal, ref, None, ctx.channel_id, ctx.user_id)
    return Reply(after=lambda: ctx.client.views_open(trigger_id=ctx.trigger_id, view=form))


def rule_command(ctx: Ctx, rest: str) -> Reply:
    """/deal qualify-rule [2|3|4 | strict on|off]: show or change the MQL→SQL rule."""
    words = rest.lower().split()
    with session_scope() as s:
        if words:  # changing the rule is a pipeline setting: admins only
            require_admin(
                session=s, team_id=ctx.team_id, user_id=ctx.user_id, action="qualify_rule"
            )
        if not words:
            ws = ensure_workspace(session=s, team_id=ctx.team_id)
        elif len(words) == 1 and words[0] in ("2", "3", "4"):
            ws = bant.set_threshold(session=s, team_id=ctx.team_id, threshold=int(words[0]))
        elif len(words) == 2 and words[0] == "strict" and words[1] in ("on", "off"):
            ws = bant.set_strict(session=s, team_id=ctx.team_id, strict=words[1] == "on")
        else:
            return Reply(text=_("I can't read that rule. {usage}").format(usage=_(RULE_USAGE)))
    rule = rule_text(ws.qualify_threshold, ws.strict_qualification)
    return Reply(text=_("Saved. {rule}").format(rule=rule) if words else rule)


def on_button(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Qualify, Qualify now, Disqualify, Keep nurturing: open the form for the deal."""
    ack()
    team_id = team_of(context)
    tell = teller(body, respond, client, team_id)
    try:
        at = DealAt.load(action_value(action))
        trigger = trigger_of(body)
        form = one_unit(
            lambda s: form_for(
                s,
                team_id,
                action["action_id"],
                str(at.deal),
                at.stage,
                context.channel_id,
                body["user"]["id"],
            )
        )
        client.views_open(trigger_id=trigger, view=form)
    except Exception as exc:
        tell(errors.describe(exc))
        number = number_in(action)
        if number is not None and action["action_id"] == Action.qualify:
            errors.guarded(lambda: refresh_by_number(client, team_id, number), tell, saved=False)


def _answers(f: dict, problems: dict[str, str]) -> Answers | None:
    for part in PARTS:
        if f.get(CHOICES[part]) not in PARTS[part]:
            problems[CHOICES[part]] = errors.words(InvalidInput("bant_answer_missing", part=part))
    if problems:
        return None
    return Answers(**{part: f[CHOICES[part]] for part in PARTS})


def on_qualify(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
    """Record the BANT answers; field errors go back into the form; the verdict after the ack."""
    team_id, user_id = team_of(context), body["user"]["id"]
    try:
        f = form_values(view)
        meta = ModalMeta.load(view.get("private_metadata"))
        if meta.deal is None:
            raise InvalidInput("broken_form")
        problems: dict[str, str] = {}
        answers = _answers(f, problems)

        def record(s: Session):  # None when a field is wrong (then `problems` says which)
            currency = ensure_workspace(session=s, team_id=team_id).currency
            raw = f.get(Bant.amount)
            amount = check(
                problems, Bant.amount, lambda: parse_amount(raw, currency) if raw else None
            )
            if amount is not None and answers and answers.budget != "confirmed":
                problems[Bant.amount] = errors.words(InvalidInput("amount_without_budget"))
            if problems:
                return None
            return bant.qualify(
                session=s,
                team_id=team_id,
                actor=user_id,
                ref=str(meta.deal),
                answers=answers,
                notes={part: f.get(NOTES[part]) for part in PARTS},
                amount=amount,
                expected_stage_id=meta.stage,
            )

        result = one_unit(record)
    except Exception as exc:
        ack(**refusal(view, {Bant.budget: errors.describe(exc)}, client))
        return
    if result is None:  # the refusal may ask Slack for names: after the unit of work
        ack(**refusal(view, problems, client))
        return
    ack()
    channel = meta.channel or result.view.deal.channel_id

    def tell(text: str, blocks: list[dict] | None = None) -> None:
        if channel:
            client.chat_postEphemeral(channel=channel, user=user_id, text=text, blocks=blocks)

    def work() -> None:
        v = result.verdict
        tell(f"{fmt.deal_title(result.view.deal)}: {v.said()}", result_blocks(result))

    errors.guarded(work, tell)


def disqualify_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Disqualify the lead with the reason typed."""
    with session_scope() as s:
        return bant.disqualify(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            reason=f.get(Bant.reason, ""),
            expected_stage_id=meta.stage,
        )


def nurture_change(team_id: str, user_id: str, meta: ModalMeta, f: dict) -> DealView:
    """Keep the lead and set its follow-up date."""
    try:
        when = date.fromisoformat(f.get(Bant.follow_up, ""))
    except ValueError:
        raise InvalidInput("follow_up_day_missing") from None
    with session_scope() as s:
        return bant.nurture(
            session=s,
            team_id=team_id,
            actor=user_id,
            ref=str(meta.deal),
            follow_up=when,
            note=f.get(Bant.follow_note) or None,
            expected_stage_id=meta.stage,
        )


def register(app: App) -> None:
    """Register the BANT buttons and forms."""
    for action_id in (Action.qualify, Bant.qualify_now, Bant.disqualify, Bant.nurture):
        app.action(action_id)(on_button)
    app.action(Bant.move_anyway)(mover(force=True))
    app.view(Bant.modal)(on_qualify)
    app.view(Bant.disqualify_modal)(
        deal_form(
            Bant.reason,
            disqualify_change,
            lambda v: _(
                "{deal} is disqualified ({reason}). "
                "It keeps its history; `/deal reopen {number}` brings it back."
            ).format(
                deal=fmt.deal_title(v.deal),
                reason=fmt.echo(v.deal.lost_reason),
                number=v.deal.number,
            ),
        )
    )
    app.view(Bant.nurture_modal)(
        deal_form(
            Bant.follow_up,
            nurture_change,
            lambda v: _("Nurturing {deal}: follow up on {day}.").format(
                deal=fmt.deal_title(v.deal), day=fmt.day(v.deal.follow_up)
            ),
        )
    )
