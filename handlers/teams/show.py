"""How `/deal team` and `/deal team history` read: teams, roles, access, and who changed what."""

from bot.i18n import N_, _
from bot.teams.reads import Overview
from handlers.kit.layout import SEPARATOR
from handlers.kit.mrkdwn import escape
from handlers.kit.text import user, when
from handlers.teams.words import role_words, who_admins
from storage.models import RoleChange

CLOSED = N_(
    "*Changing deals:* closed: a deal's owner, its collaborators, the owner's manager and "
    "admins (`/deal access open` lets everyone; notes and contacts are open to all)"
)
OPEN = N_("*Changing deals:* open: every member may change every deal (`/deal access closed`)")


def people(ids: list[str]) -> str:
    """`<@U1>, <@U2>` or `none`."""
    return ", ".join(user(u) for u in ids) or _("none")


def overview_lines(o: Overview) -> list[str]:
    """The teams with manager and sellers, then the admins, managers and access."""
    lines = [_("*Sales teams*")]
    for t in o.teams:
        lead = (
            _("manager {user}").format(user=user(t.team.manager_id))
            if t.team.manager_id
            else _("no manager")
        )
        sellers = (
            _("sellers {people}").format(people=people(t.sellers))
            if t.sellers
            else _("no sellers yet")
        )
        lines.append(f"• *{escape(t.team.name)}*{SEPARATOR}{lead}{SEPARATOR}{sellers}")
    if not o.teams:
        lines.append(_("No sales teams yet. `/deal team new Central @ann` creates one."))
    lines.append(_("*Admins:* {people}").format(people=who_admins(o.admins, o.installers)))
    lines.append(_("*Managers:* {people}").format(people=people(o.managers)))
    lines.append(_(OPEN) if o.open_editing else _(CLOSED))
    lines.append(_("`/deal team history` shows who changed what, and when."))
    return lines


def _team(name: str | None) -> str:
    return f"*{escape(name or '–')}*"


def change_line(c: RoleChange) -> str:
    """`<date> · @ann made @bob a manager (was a seller)`."""
    return f"{when(c.at)}{SEPARATOR}" + changed(c).format(
        who=user(c.actor_id),
        user=user(c.subject) if c.subject else "",
        team=_team(c.subject),
        role=role_words(c.to_value),
        was=role_words(c.from_value),
        lead=user(c.to_value) if c.to_value else "",
        before=user(c.from_value) if c.from_value else "",
        old=_team(c.from_value),
        new=_team(c.to_value),
        kind=escape(c.kind),
    )


def changed(c: RoleChange) -> str:
    """The sentence of one change, its people and teams as placeholders."""
    if c.kind == "role":
        return _("{who} made {user} {role} (was {was})")
    if c.kind == "team_created":
        return _("{who} created the team {team}, led by {lead}")
    if c.kind == "team_manager":
        return _("{who} left {team} without a manager ({before} no longer one)")
    if c.kind == "team_member" and c.from_value and c.to_value:
        return _("{who} moved {user} from {old} to {new}")
    if c.kind == "team_member" and c.to_value:
        return _("{who} added {user} to {new}")
    if c.kind == "team_member":
        return _("{who} removed {user} from {old}")
    if c.kind == "team_renamed":
        return _("{who} renamed the team {old} to {new}")
    if c.kind == "access" and c.to_value == "open":
        return _("{who} opened the workspace: every member may change every deal")
    if c.kind == "access":
        return _("{who} closed the workspace: deals are changed by their people and admins")
    return "{who} {kind}"


def history_lines(rows: list[RoleChange], more: bool, page: int) -> list[str]:
    """The record, newest first, with how to see older entries."""
    if not rows:
        return [_("No role or team changes yet.") if page == 0 else _("No older changes.")]
    lines = [_("*Roles, teams and access: who changed what* (newest first)")]
    lines += [change_line(c) for c in rows]
    if more:
        lines.append(_("Older: `/deal team history {page}`").format(page=page + 2))
    return lines
