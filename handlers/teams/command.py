"""/deal team (sales teams, managers, admins, the record) and /deal access (open|closed)."""

from bot.common.errors import InvalidInput
from bot.i18n import N_, _
from bot.teams import reads
from bot.teams import service as teams
from handlers.deals.changes import check_people
from handlers.kit import parse
from handlers.kit.blocks import text
from handlers.kit.context import Ctx, Reply
from handlers.kit.layout import MESSAGE_BLOCKS, pack
from handlers.kit.mrkdwn import escape
from handlers.kit.text import echo, user
from handlers.teams.show import history_lines, overview_lines
from handlers.teams.words import role_words
from storage.db import read_scope, session_scope

TEAM_USAGE = N_(
    "Try `/deal team` (the teams), `/deal team new Central @ann`, `/deal team add Central @bob "
    "@cat`, `/deal team remove Central @bob`, `/deal team rename Central Central Europe`, "
    "`/deal team manager @ann` (or `manager @ann off`), `/deal team admin @dan` (or `admin "
    "@dan off`) or `/deal team history`."
)
ACCESS_USAGE = N_(
    "Try `/deal access open` (every member may change every deal) or `/deal access closed` "
    "(a deal's owner, its collaborators, the owner's manager and admins)."
)


def lines_reply(title: str, lines: list[str]) -> Reply:
    return Reply(text=title, blocks=[text(t) for t in pack(lines)][:MESSAGE_BLOCKS])


def team_command(ctx: Ctx, rest: str) -> Reply:
    """/deal team [history [page] | manager | admin | new | add | remove | rename …]."""
    verb, __, tail = rest.strip().partition(" ")
    verb, tail = verb.lower(), tail.strip()
    handler = VERBS.get(verb)
    if handler is None:
        return Reply(
            text=_("I can't read `/deal team {text}`.").format(text=echo(parse.unescape(rest)))
            + " "
            + _(TEAM_USAGE)
        )
    return handler(ctx, tail)


def show(ctx: Ctx, tail: str) -> Reply:
    if tail:
        return Reply(text=_(TEAM_USAGE))
    with read_scope() as s:
        o = reads.overview(session=s, team_id=ctx.team_id)
        lines = overview_lines(o)
    return lines_reply(_("Sales teams and roles"), lines)


def history(ctx: Ctx, tail: str) -> Reply:
    if tail and not (tail.isascii() and tail.isdigit() and len(tail) < 6 and int(tail) > 0):
        return Reply(text=_("Try `/deal team history` or `/deal team history 2` (older entries)."))
    page = int(tail) - 1 if tail else 0
    with read_scope() as s:
        rows, more = reads.history(session=s, team_id=ctx.team_id, page=page)
        lines = history_lines(rows, more, page)
    return lines_reply(_("Roles, teams and access: history"), lines)


def one_person(ctx: Ctx, tail: str, verb: str) -> tuple[str, bool]:
    """`@ann` or `@ann off`: the person (checked with Slack) and whether it is `off`."""
    users, words = parse.mentions(tail), parse.strip_mentions(tail).lower().split()
    if len(users) != 1 or words not in ([], ["off"], ["on"]):
        raise InvalidInput("team_one_person", verb=verb)
    check_people(ctx.client, users)
    return users[0], words == ["off"]


def role(verb: str):
    """`/deal team manager @ann [off]`, `/deal team admin @dan [off]`: admins only."""

    def command(ctx: Ctx, tail: str) -> Reply:
        who, off = one_person(ctx, tail, verb)
        with session_scope() as s:
            if off:
                teams.take_back(
                    session=s, team_id=ctx.team_id, actor=ctx.user_id, user_id=who, role=verb
                )
            else:
                teams.set_role(
                    session=s, team_id=ctx.team_id, actor=ctx.user_id, user_id=who, role=verb
                )
        said = _("{user} is no longer {role}.") if off else _("{user} is now {role}.")
        return Reply(text=said.format(user=user(who), role=role_words(verb)))

    return command


def name_and_people(tail: str) -> tuple[str, list[str]]:
    """The words that are not mentions (a team's name), and the people mentioned."""
    return parse.unescape(parse.strip_mentions(tail)), parse.mentions(tail)


def new(ctx: Ctx, tail: str) -> Reply:
    name, users = name_and_people(tail)
    if len(users) > 1:
        return Reply(text=_("A team has one manager: `/deal team new Central @ann`."))
    check_people(ctx.client, users)
    with session_scope() as s:
        t = teams.create(
            session=s,
            team_id=ctx.team_id,
            actor=ctx.user_id,
            name=name,
            manager=users[0] if users else None,
        )
        name, lead = t.name, t.manager_id
    return Reply(
        text=_(
            "Created the team *{team}*, led by {user}. Add sellers with "
            "`/deal team add {team} @name`."
        ).format(team=escape(name), user=user(lead))
    )


def add(ctx: Ctx, tail: str) -> Reply:
    name, users = name_and_people(tail)
    check_people(ctx.client, users)
    with session_scope() as s:
        t, moved, already = teams.add(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, team=name, user_ids=users
        )
        title = escape(t.name)
    parts = []
    if moved:
        names = ", ".join(
            _("{user} (moved from *{team}*)").format(user=user(m.user_id), team=escape(m.left))
            if m.left
            else user(m.user_id)
            for m in moved
        )
        parts.append(_("Added {people} to *{team}*.").format(people=names, team=title))
    if already:
        parts.append(
            _("{people} already in *{team}*.").format(
                people=", ".join(user(u) for u in already), team=title
            )
        )
    return Reply(text=" ".join(parts))


def remove(ctx: Ctx, tail: str) -> Reply:
    name, users = name_and_people(tail)
    if len(users) != 1:
        return Reply(text=_("Name one person: `/deal team remove Central @bob`."))
    with session_scope() as s:
        t = teams.remove(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, team=name, user_id=users[0]
        )
        title = escape(t.name)
    return Reply(
        text=_("Took {user} out of *{team}*; they are in no team now.").format(
            user=user(users[0]), team=title
        )
    )


def rename(ctx: Ctx, tail: str) -> Reply:
    """`rename Central Central Europe`: the longest start naming a team is the old name;
    quotes work too: `rename "Central" "Central Europe"`."""
    words = parse.unescape(tail).replace('"', " ").split()
    with session_scope() as s:
        cut = next(
            (
                n
                for n in range(len(words) - 1, 0, -1)
                if reads.named(s, ctx.team_id, " ".join(words[:n]))
            ),
            1,
        )
        old_text, new_name = " ".join(words[:cut]), " ".join(words[cut:])
        if not words or not new_name:
            return Reply(text=_("Try `/deal team rename Central Central Europe`."))
        old = teams.rename(
            session=s, team_id=ctx.team_id, actor=ctx.user_id, team=old_text, new_name=new_name
        )
    return Reply(
        text=_("Renamed the team *{old}* to *{new}*.").format(old=escape(old), new=escape(new_name))
    )


def access_command(ctx: Ctx, rest: str) -> Reply:
    """/deal access [open|closed]: whether every member may change every deal (admins set it)."""
    word = rest.strip().lower()
    if not word:
        with read_scope() as s:
            is_open = reads.is_open(session=s, team_id=ctx.team_id)
        state = (
            _("The workspace is open: every member may change every deal.")
            if is_open
            else _(
                "The workspace is closed: a deal is changed by its owner, its collaborators, "
                "the owner's manager and admins (notes and contacts are open to everyone)."
            )
        )
        return Reply(text=state + " " + _(ACCESS_USAGE))
    if word not in ("open", "closed", "close"):
        return Reply(text=_(ACCESS_USAGE))
    with session_scope() as s:
        teams.set_open(session=s, team_id=ctx.team_id, actor=ctx.user_id, open_=word == "open")
    if word == "open":
        return Reply(text=_("The workspace is open: every member may change every deal now."))
    return Reply(
        text=_(
            "The workspace is closed: a deal is changed by its owner, its collaborators, the "
            "owner's manager and admins."
        )
    )


VERBS = {
    "": show,
    "list": show,
    "history": history,
    "manager": role("manager"),
    "admin": role("admin"),
    "new": new,
    "add": add,
    "remove": remove,
    "rename": rename,
}
