"""The /deal command: one router; each subcommand is a function (ctx, rest) -> Reply."""

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.i18n import N_, _
from bot.teams import access
from handlers.accounts import listeners as accounts
from handlers.deals import changes, verbs
from handlers.deals import listing as lookups
from handlers.deals import new as new_deal
from handlers.digests import command as digest_command
from handlers.exports import command as export
from handlers.followups import listeners as followups
from handlers.kit import blocks, errors, parse
from handlers.kit import text as fmt
from handlers.kit.context import Ctx, Reply
from handlers.kit.ids import Command
from handlers.kit.inbound import clean, team_of
from handlers.languages import command as languages
from handlers.pipeline import stages
from handlers.qualification import listeners as bant
from handlers.reports import command as reports
from handlers.search import command as search
from handlers.teams import command as teams
from handlers.workspaces import currency as money

HELP = N_("""*dealbot* keeps your pipeline in Slack. A deal is `12`, `#12` or a word of its name.
*Create and find*
`/deal new Acme Corp 12k @bob` a lead in one line (`/deal new` opens the form)
`/deal list` open deals · `list mine` · `list all` · `list proposal` · `list @bob` · `page 2`
`/deal list team` my sales team's open deals · `list team East` another team's
`/deal show 12` the card and the whole history
`/deal find acme` deals by name, company, contact, note, next step · `find all acme` archived too
*Move and close*
`/deal move 12 proposal` · `/deal won 12` · `/deal lost 12 price` · `/deal reopen 12`
*Work the deal*
`/deal note 12 called, budget is 20k` · `/deal tag 12 @ann need a security review`
`/deal remind 12 2026-12-01 send the proposal` a DM to the owner on that day
`/deal set 12 value 15k` · `close 2026-12-31` · `owner @bob` · `source referral`
    · `next demo on Friday` · `name Acme renewal`
*Qualify*
`/deal qualify 12` the BANT check · `/deal qualify-rule 3` · `/deal qualify-rule strict on`
*Team*
`/deal contact 12 Ann Lee ann@acme.com CFO` · `/deal account acme` · `/deal notify off`
`/deal contact 12 edit ann@acme.com title VP` · `remove ann@acme.com` · `consent ann@acme.com yes`
*Tidy up*
`/deal archive 12` takes a junk lead out of lists, Home and digests
`/deal restore 12` brings an archived deal back
`/deal undo` takes back your own last change (within 5 minutes)
`/deal export` every deal as a CSV file in your DM · `export all` archived deals too
Share a CSV file of deals in my DM to import it (admins; a preview first)
*Pipeline*
`/deal stages` the stages · `/deal stages use inbound` switch to a template
`/deal stages edit` rename, reorder, add, remove stages (admins) · `stages rename 3 Demo held`
    · `stages history` who changed the stages
`/deal currency EUR` sets the workspace currency (bare amounts are EUR)
`/deal rate EUR 1.08` 1 EUR = 1.08 of the workspace currency, for converted totals
`/deal language fi` the language this channel reads (`fi`, `fr`, `ro`, `en`)
    · `language default fr` the workspace's (admins) · `language` shows them
*Roles and sales teams*
`/deal team` teams, managers and admins · `/deal team history` who changed what
`/deal team new Central @ann` · `team add Central @bob @cat` · `team remove Central @bob`
`/deal team rename Central Central Europe` · `team manager @ann` · `team admin @dan` (admins)
`/deal access open` every member may change every deal · `/deal access closed` (admins)
*Digest*
`/deal digest daily 09:00` this channel's digest · `/deal digest now` · `/deal digest off`
`/deal digest window 30` the digest's metrics cover the last 30 days (every channel)
*Reports*
`/deal report` win rate, sizes, cycle per owner and stage · `report 30` · `365` · `quarter`
    · `report 2026-01-01..2026-03-31` (both days included); only you see it
`/deal digest filter team East` only that sales team's deals · `filter clear` every deal
`/deal help` this help""")  # translated where it is shown: handlers/kit/blocks.help_blocks


def help_reply(ctx: Ctx, rest: str) -> Reply:
    """/deal help."""
    return Reply(text=_("dealbot help"), blocks=blocks.help_blocks(HELP))


SUBCOMMANDS = {
    "": help_reply,
    "help": help_reply,
    "new": new_deal.new,
    "list": lookups.list_deals,
    "find": search.find_command,
    "show": lookups.show,
    "move": changes.move,
    "won": changes.won,
    "lost": changes.lost,
    "reopen": changes.reopen,
    "note": changes.note,
    "set": changes.set_field,
    "tag": changes.tag,
    "contact": accounts.contact_command,
    "account": accounts.account_command,
    "notify": changes.notify,
    "qualify": bant.qualify_command,
    "qualify-rule": bant.rule_command,
    "stages": stages.stages_command,
    "digest": digest_command.digest_command,
    "archive": verbs.archive_command,
    "restore": verbs.restore_command,
    "undo": verbs.undo_command,
    "export": export.export_command,
    "remind": followups.remind_command,
    "currency": money.currency_command,
    "rate": money.rate_command,
    "report": reports.report_command,
    "team": teams.team_command,
    "access": teams.access_command,
    "language": languages.language_command,
}


def on_deal(
    ack: Ack, command: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    """Route /deal to its subcommand; acknowledge with the answer; then do the Slack work."""
    ctx = Ctx(
        team_id=team_of(context),
        user_id=command["user_id"],
        channel_id=command.get("channel_id"),
        channel_name=command.get("channel_name"),
        client=client,
        trigger_id=command.get("trigger_id"),
        response_url=command.get("response_url"),
        tell=lambda t: respond(text=t, response_type="ephemeral", replace_original=False),
    )
    p = parse.split(clean(command.get("text")))
    handler = SUBCOMMANDS.get(p.sub)
    try:
        if handler is None:
            hint = _("I don't know `/deal {sub}`. Here is what I can do:").format(
                sub=fmt.echo(p.sub)
            )
            reply = Reply(text=hint, blocks=blocks.help_blocks(HELP, hint))
        else:  # Slack is asked who is an admin with no unit of work open (access.py)
            reply = access.asking_first(lambda: handler(ctx, p.rest))
    except Exception as exc:
        ack(response_type="ephemeral", text=errors.describe(exc), blocks=errors.offer(exc))
        return
    if reply.text or reply.blocks:
        ack(response_type="ephemeral", text=reply.text or "", blocks=reply.blocks)
    else:
        ack()
    if reply.after:
        errors.guarded(reply.after, ctx.tell)


def register(app: App) -> None:
    """Register the slash command."""
    app.command(Command.deal)(on_deal)
    search.register(app)  # /deal find's Next page button
