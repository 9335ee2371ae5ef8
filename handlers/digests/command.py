"""/deal digest: a channel's schedule, filters, and a digest now."""

from bot.common.errors import InvalidInput
from bot.common.money import Money, format_money, parse_amount
from bot.digests import schedule, teams
from bot.digests import subscriptions as digests
from bot.i18n import N_, _
from bot.workspaces.service import ensure_workspace
from handlers.digests import posting
from handlers.digests.words import no_such_team
from handlers.kit import parse
from handlers.kit import text as fmt
from handlers.kit.channels import not_here
from handlers.kit.context import Ctx, Reply, quick
from handlers.reports.window import window_command
from storage.db import session_scope
from storage.types import utcnow

USAGE = N_(
    "Try `/deal digest daily 09:00 Europe/Helsinki`, `/deal digest weekly mon 08:30`, "
    "`/deal digest now`, `/deal digest off`, or `/deal digest filter owner @ann` "
    "(also `filter stage proposal`, `filter min 10k`, `filter max 100k`, `filter team East`, "
    "`filter clear`)."
)


def digest_command(ctx: Ctx, rest: str) -> Reply:
    """Route `/deal digest …`."""
    words = rest.split()
    head = words[0].lower() if words else ""
    if not ctx.channel_id:
        return Reply(text=_("Run `/deal digest` in the channel that should get the digest."))
    if head == "":
        return show(ctx)
    if head == "now":
        return Reply(text=_("Posting the digest here now."), after=lambda: post_here(ctx))
    if head == "off":
        with session_scope() as s:
            stopped = digests.stop(session=s, team_id=ctx.team_id, channel=ctx.channel_id)
        return Reply(
            text=_("The digest here is off.")
            if stopped
            else _("This channel has no digest running.") + " " + _(USAGE)
        )
    if head in ("daily", "weekly"):
        return subscribe(ctx, head, words[1:])
    if head == "filter":
        return set_filter(ctx, words[1:], rest)
    if head == "window":
        return window_command(ctx, words[1:])
    return Reply(
        text=_("I don't know `/deal digest {word}`.").format(word=fmt.echo(head)) + " " + _(USAGE)
    )


def subscribe(ctx: Ctx, cadence: str, words: list[str]) -> Reply:
    """daily HH:MM [zone] / weekly <day> HH:MM [zone]."""
    weekday = None
    if cadence == "weekly":
        if not words:
            return Reply(text=_("Which day?") + " " + _(USAGE))
        weekday, words = schedule.parse_day(words[0]), words[1:]
    if not words or len(words) > 2:
        return Reply(text=_("At what time?") + " " + _(USAGE))
    at_time = schedule.parse_time(words[0])
    tz = schedule.parse_zone(words[1]) if len(words) == 2 else user_zone(ctx)
    refused = not_here(ctx, nothing=_("no digest was set up"))
    if refused:
        return Reply(text=refused)
    with session_scope() as s:
        sub = digests.subscribe(
            session=s,
            team_id=ctx.team_id,
            channel=ctx.channel_id,
            actor=ctx.user_id,
            cadence=cadence,
            weekday=weekday,
            at_time=at_time,
            tz=tz,
        )
        text = (
            _("This channel gets the *{schedule}* digest.").format(schedule=digests.describe(sub))
            + " "
            + next_line(sub)
        )
    return Reply(text=text)


def post_here(ctx: Ctx) -> None:
    """`/deal digest now`, after the ack: the digest, or why dealbot cannot post here."""
    refused = not_here(ctx, nothing=_("no digest was posted"))
    if refused:
        ctx.tell(refused)
        return
    posting.post_now(ctx.client, ctx.team_id, ctx.channel_id)


def user_zone(ctx: Ctx) -> str:
    """The caller's Slack time zone (what they see as their local time)."""
    tz = (quick(ctx.client).users_info(user=ctx.user_id).get("user") or {}).get("tz") or "UTC"
    return schedule.parse_zone(tz)


def next_line(sub) -> str:
    """When the next digest comes."""
    at = schedule.next_time(sub.cadence, sub.weekday, sub.at_time, sub.tz, utcnow())
    return _("Next: {when}.").format(when=fmt.when(at))


def show(ctx: Ctx) -> Reply:
    """This channel's schedule, filters and next run."""
    with session_scope() as s:
        sub = digests.for_channel(session=s, team_id=ctx.team_id, channel=ctx.channel_id)
        if sub is None:
            return Reply(text=_("No digest in this channel yet.") + " " + _(USAGE))
        if not sub.active:
            code = "".join(ch for ch in sub.paused_reason or "" if ch.isalnum() or ch == "_")
            said = digests.describe(sub)
            text = (
                _(
                    "The *{schedule}* digest here is off (paused: Slack said `{code}`). "
                    "`/deal digest {schedule}` starts it again."
                )
                if code
                else _(
                    "The *{schedule}* digest here is off. "
                    "`/deal digest {schedule}` starts it again."
                )
            )
            return Reply(text=text.format(schedule=said, code=code))
        parts = [
            _("This channel gets the *{schedule}* digest.").format(schedule=digests.describe(sub)),
            next_line(sub),
        ]
        currency = ensure_workspace(session=s, team_id=ctx.team_id).currency
        parts += [
            _("Only deals {filter}.").format(filter=x)
            for x in filters_words(sub, currency, team_name(s, sub))
        ]
    return Reply(text=" ".join(parts))


def team_name(session, sub) -> str | None:
    """The name of the subscription's sales team filter ("" for a team that is gone)."""
    if sub.sales_team_filter is None:
        return None
    team = teams.get(session=session, team_id=sub.team_id, sales_team_id=sub.sales_team_filter)
    return "" if team is None else team.name


def filters_words(sub, currency: str, team: str | None = None) -> list[str]:
    """The subscription's filters, in words; `team` names its sales team filter."""
    out = []
    if sub.owner_filter:
        out.append(_("owned by {user}").format(user=fmt.user(sub.owner_filter)))
    if sub.stage_filter:
        out.append(_("at stage `{stage}`").format(stage=sub.stage_filter))
    if team is not None:
        out.append(
            _("of team *{team}* (its sellers' and manager's)").format(team=fmt.echo(team))
            if team
            else _("of a sales team that no longer exists (`filter clear` counts every deal)")
        )
    if sub.min_value_minor is not None:
        out.append(
            _("worth at least {amount}").format(
                amount=format_money(Money(sub.min_value_minor, currency))
            )
        )
    if sub.max_value_minor is not None:
        out.append(
            _("worth at most {amount}").format(
                amount=format_money(Money(sub.max_value_minor, currency))
            )
        )
    return out


def set_filter(ctx: Ctx, words: list[str], rest: str) -> Reply:
    """filter owner @ann | stage <stage> | min 10k | clear."""
    if not words:
        return Reply(text=_("Filter by what?") + " " + _(USAGE))
    kind, value = words[0].lower(), " ".join(words[1:])
    with session_scope() as s:
        if kind == "clear":
            for k in ("owner", "stage", "min", "max", "team"):
                digests.set_filter(
                    session=s, team_id=ctx.team_id, channel=ctx.channel_id, kind=k, value=None
                )
            return Reply(text=_("The digest here counts every deal again."))
        if kind == "owner":
            users = parse.mentions(value)
            if len(users) != 1:
                raise InvalidInput("digest_one_owner")
            new = users[0]
        elif kind == "stage" and value:
            new = value
        elif kind in ("min", "max") and value:
            currency = ensure_workspace(session=s, team_id=ctx.team_id).currency
            amount = parse_amount(value, currency)
            if amount.currency != currency:
                return Reply(
                    text=_(
                        "Give `{kind}` in the workspace currency ({currency}), e.g. "
                        "`filter {kind} 10k`: other currencies are converted at your rates."
                    ).format(kind=kind, currency=currency)
                )
            new = amount.minor
        elif kind == "team" and value:
            team, names = teams.named(session=s, team_id=ctx.team_id, name=value)
            if team is None:
                return Reply(text=no_such_team(value, names))
            new = team.id
        else:
            return Reply(
                text=_("I can filter by owner, stage, min, max or team.") + " " + _(USAGE)
            )
        sub = digests.set_filter(
            session=s, team_id=ctx.team_id, channel=ctx.channel_id, kind=kind, value=new
        )
        currency = ensure_workspace(session=s, team_id=ctx.team_id).currency
        words_now = filters_words(sub, currency, team_name(s, sub))
    return Reply(
        text=_("The digest here now counts only deals {filters}.").format(
            filters=_(" and ").join(words_now)
        )
    )
