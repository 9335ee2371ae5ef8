"""/deal move, won, lost, reopen, note, set and tag: every change to a deal by command."""

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.common.errors import InvalidInput
from bot.deals import edits, matching, outcomes
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.i18n import N_, _, n_
from bot.pipeline.templates import local_name
from bot.threads import service as threads
from handlers.deals.modals import lost_modal
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply, quick
from handlers.kit.metadata import ModalMeta
from storage.db import read_scope, session_scope


def done(ctx: Ctx, text: str, view: DealView) -> Reply:
    """The reply to a change; its card, thread line and DMs were written to the outbox with
    the change itself (bot/deals/effects.py)."""
    return Reply(text=text)


def split_deal(ctx: Ctx, rest: str, usage: str) -> tuple[str, str]:
    """The deal and what follows it: a number, a "quoted name", the longest start that is a
    deal's whole name (`acme corp called again` names Acme Corp), or else one word."""
    ref, tail = parse.split_ref(rest, usage)
    if rest.lstrip().startswith('"') or matching.parse_number(ref) is not None or not tail:
        return ref, tail
    words = parse.unescape(rest).split()
    with read_scope() as s:
        n = deals.name_words(session=s, team_id=ctx.team_id, words=words)
    if not n:
        return ref, tail
    parts = rest.split(None, n)  # the tail keeps its line breaks
    return " ".join(words[:n]), (parts[n] if len(parts) > n else "").strip()


def move(ctx: Ctx, rest: str) -> Reply:
    """/deal move <deal> <stage>."""
    ref, stage = split_deal(ctx, rest, _("Try `/deal move 12 proposal`."))
    if not stage:
        return Reply(
            text=_("To which stage? Try `/deal move 12 proposal`; `/deal stages` lists them.")
        )
    with session_scope() as s:
        moved = deals.move(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=ref, to=stage)
    v = moved.view
    text = _("Moved {deal} from {frm} to {to}.").format(
        deal=fmt.deal_title(v.deal),
        frm=local_name(moved.from_stage.name),
        to=local_name(v.stage.name),
    )
    return done(ctx, text, v)


def one_deal(
    word: str, operation: Callable[..., DealView], confirm: Callable[[DealView], str]
) -> Callable[[Ctx, str], Reply]:
    """A subcommand that takes only a deal: `/deal won 12`, `/deal reopen 12`."""

    def command(ctx: Ctx, rest: str) -> Reply:
        ref, extra = split_deal(ctx, rest, _("Try `/deal {word} 12`.").format(word=word))
        if extra:
            return Reply(
                text=_("`/deal {word}` takes only the deal, e.g. `/deal {word} {deal}`.").format(
                    word=word, deal=fmt.echo(ref)
                )
            )
        with session_scope() as s:
            v = operation(session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=ref)
        return done(ctx, confirm(v), v)

    return command


won = one_deal(
    "won", outcomes.won, lambda v: _("🎉 {deal} is won.").format(deal=fmt.deal_title(v.deal))
)
reopen = one_deal(
    "reopen",
    outcomes.reopen,
    lambda v: _("Reopened {deal} in {stage}.").format(
        deal=fmt.deal_title(v.deal), stage=local_name(v.stage.name)
    ),
)


def lost(ctx: Ctx, rest: str) -> Reply:
    """/deal lost <deal> [reason]; without a reason the reason form opens."""
    ref, reason = split_deal(ctx, rest, _("Try `/deal lost 12 price` or `/deal lost 12`."))
    with session_scope() as s:
        if not reason:  # the form opens only for someone who may mark the deal lost
            deal = deals.get_to_change(
                session=s, team_id=ctx.team_id, ref=ref, actor=ctx.user_id, kind="lost"
            )
            meta = ModalMeta(channel=ctx.channel_id, deal=deal.number, stage=deal.stage_id)
            form = lost_modal(meta, fmt.deal_title(deal))
            return Reply(after=lambda: ctx.client.views_open(trigger_id=ctx.trigger_id, view=form))
        v = outcomes.lost(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            ref=ref,
            reason=parse.unescape(reason),
        )
    return done(
        ctx,
        _(
            "{deal} is lost ({reason}). "
            "It keeps its history; `/deal reopen {number}` brings it back."
        ).format(
            deal=fmt.deal_title(v.deal),
            reason=fmt.echo(fmt.lost_reason(v.deal.lost_reason)),
            number=v.deal.number,
        ),
        v,
    )


def note(ctx: Ctx, rest: str) -> Reply:
    """/deal note <deal> <text>."""
    ref, text = split_deal(ctx, rest, _("Try `/deal note 12 called, budget is 20k`."))
    with session_scope() as s:
        v = edits.note(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, ref=ref, text=parse.unescape(text)
        )
    return done(ctx, _("Noted on {deal}.").format(deal=fmt.deal_title(v.deal)), v)


SET_USAGE = N_(
    "Try `/deal set 12 value 15k`, `close 2026-12-31`, `owner @bob`, `source referral`, "
    "`next demo on Friday`, `name Acme Corp renewal` or `company Acme Corp`."
)


def set_field(ctx: Ctx, rest: str) -> Reply:
    """/deal set <deal> value|close|owner|source|next|name|company <value>."""
    ref, tail = split_deal(ctx, rest, _(SET_USAGE))
    field, __, value = tail.partition(" ")
    field = field.lower()
    if field not in edits.FIELDS or not value.strip():
        return Reply(
            text=_("Say which field and its new value. {usage}").format(usage=_(SET_USAGE))
        )
    if field == "owner":
        users = parse.mentions(value)
        if len(users) != 1 or parse.strip_mentions(value):
            return Reply(text=_("Name one new owner with an @mention: `/deal set 12 owner @bob`."))
        value = users[0]
        check_people(ctx.client, [value])
    with session_scope() as s:
        v = edits.change(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            ref=ref,
            field=field,
            value=parse.unescape(value),
        )
    updated = _("Updated {deal}: {change}").format(
        deal=fmt.deal_title(v.deal), change=fmt.activity(v.last)
    )
    return done(ctx, fmt.sentence(updated), v)


def tag(ctx: Ctx, rest: str) -> Reply:
    """/deal tag <deal> @user ... [why]."""
    ref, tail = split_deal(ctx, rest, _("Try `/deal tag 12 @ann @bob need a security review`."))
    users = parse.mentions(tail)
    check_people(ctx.client, users)
    with session_scope() as s:
        v, added, already = edits.tag(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            ref=ref,
            user_ids=users,
            reason=parse.unescape(parse.strip_mentions(tail)),
        )
    parts = []
    if added:
        people = ", ".join(fmt.user(u) for u in added)
        tagged = _("Tagged {people} on {deal}.")  # as the shortcut's (handlers/shortcuts)
        parts.append(tagged.format(people=people, deal=fmt.deal_title(v.deal)))
    if already:
        people = ", ".join(fmt.user(u) for u in already)
        parts.append(
            n_("{people} already on it.", "{people} already on it.", len(already)).format(
                people=people
            )
        )
    return done(ctx, " ".join(parts), v)


def notify(ctx: Ctx, rest: str) -> Reply:
    """/deal notify on|off: a DM when someone else changes my deal."""
    word = rest.strip().lower()
    if word not in ("on", "off"):
        return Reply(
            text=_(
                "Try `/deal notify off` (no DMs when others change your deals) or "
                "`/deal notify on`."
            )
        )
    with session_scope() as s:
        threads.set_dms(session=s, team_id=ctx.team_id, user_id=ctx.user_id, on=word == "on")
    if word == "on":
        return Reply(text=_("I'll DM you when someone else changes one of your deals."))
    return Reply(
        text=_("No more DMs when others change your deals; the deal threads still have everything.")
    )


def check_people(client: WebClient, user_ids: list[str]) -> None:
    """Refuse tagging bots and ids Slack does not know, saying which and why."""
    problems: list[tuple[str, str]] = []  # (user id, unknown | bot | left)
    client = quick(client)
    for uid in user_ids:
        try:
            user = client.users_info(user=uid)["user"]
        except SlackApiError as e:
            if e.response.get("error") != "user_not_found":
                raise
            problems.append((uid, "unknown"))
            continue
        if user.get("is_bot") or user.get("deleted"):
            problems.append((uid, "bot" if user.get("is_bot") else "left"))
    if problems:
        raise InvalidInput("not_teammates", problems=problems)
