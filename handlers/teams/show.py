"""How `/deal team` and `/deal team history` read: teams, roles, access, and who changed what."""

from bot.teams.reads import Overview
from handlers.kit.layout import SEPARATOR
from handlers.kit.mrkdwn import escape
from handlers.kit.text import user, when
from handlers.teams.words import role_words, who_admins
from storage.models import RoleChange

CLOSED = (
    "*Changing deals:* closed: a deal's owner, its collaborators, the owner's manager and "
    "admins (`/deal access open` lets everyone; notes and contacts are open to all)"
)
OPEN = "*Changing deals:* open: every member may change every deal (`/deal access closed`)"


def people(ids: list[str]) -> str:
    """`<@U1>, <@U2>` or `none`."""
    return ", ".join(user(u) for u in ids) or "none"


def overview_lines(o: Overview) -> list[str]:
    """The teams with manager and sellers, then the admins, managers and access."""
    lines = ["*Sales teams*"]
    for t in o.teams:
        lead = f"manager {user(t.team.manager_id)}" if t.team.manager_id else "no manager"
        sellers = f"sellers {people(t.sellers)}" if t.sellers else "no sellers yet"
        lines.append(f"• *{escape(t.team.name)}*{SEPARATOR}{lead}{SEPARATOR}{sellers}")
    if not o.teams:
        lines.append("No sales teams yet. `/deal team new Central @ann` creates one.")
    lines.append(f"*Admins:* {who_admins(o.admins, o.installers)}")
    lines.append(f"*Managers:* {people(o.managers)}")
    lines.append(OPEN if o.open_editing else CLOSED)
    lines.append("`/deal team history` shows who changed what, and when.")
    return lines


def _team(name: str | None) -> str:
    return f"*{escape(name or '–')}*"


def change_line(c: RoleChange) -> str:
    """`<date> · @ann made @bob a manager (was a seller)`."""
    who, subject = user(c.actor_id), c.subject
    if c.kind == "role":
        what = f"made {user(subject)} {role_words(c.to_value)} (was {role_words(c.from_value)})"
    elif c.kind == "team_created":
        what = f"created the team {_team(subject)}, led by {user(c.to_value)}"
    elif c.kind == "team_manager":
        what = f"left {_team(subject)} without a manager ({user(c.from_value)} no longer one)"
    elif c.kind == "team_member" and c.from_value and c.to_value:
        what = f"moved {user(subject)} from {_team(c.from_value)} to {_team(c.to_value)}"
    elif c.kind == "team_member" and c.to_value:
        what = f"added {user(subject)} to {_team(c.to_value)}"
    elif c.kind == "team_member":
        what = f"removed {user(subject)} from {_team(c.from_value)}"
    elif c.kind == "team_renamed":
        what = f"renamed the team {_team(c.from_value)} to {_team(c.to_value)}"
    elif c.kind == "access" and c.to_value == "open":
        what = "opened the workspace: every member may change every deal"
    elif c.kind == "access":
        what = "closed the workspace: deals are changed by their people and admins"
    else:
        what = escape(c.kind)
    return f"{when(c.at)}{SEPARATOR}{who} {what}"


def history_lines(rows: list[RoleChange], more: bool, page: int) -> list[str]:
    """The record, newest first, with how to see older entries."""
    if not rows:
        return ["No role or team changes yet." if page == 0 else "No older changes."]
    lines = ["*Roles, teams and access: who changed what* (newest first)"]
    lines += [change_line(c) for c in rows]
    if more:
        lines.append(f"Older: `/deal team history {page + 2}`")
    return lines
