"""What the user reads about roles, sales teams and who may change what."""

from bot.i18n import N_, _
from handlers.kit.mrkdwn import escape
from handlers.kit.text import user
from handlers.kit.wording import Wording

# What a refused change was, as a verb on the deal: "Only … can move #12."
VERBS = {
    "moved": N_("move {n}"),
    "won": N_("mark {n} won"),
    "lost": N_("mark {n} lost"),
    "reopened": N_("reopen {n}"),
    "value": N_("change the value of {n}"),
    "close": N_("change the expected close of {n}"),
    "owner": N_("hand {n} over"),
    "source": N_("change the source of {n}"),
    "next": N_("change the next step of {n}"),
    "name": N_("rename {n}"),
    "company": N_("change the company of {n}"),
    "tagged": N_("tag people on {n}"),
    "qualified": N_("qualify {n}"),
    "nurture": N_("set a follow-up on {n}"),
    "snoozed": N_("snooze {n}"),
    "archived": N_("archive {n}"),
    "restored": N_("restore {n}"),
    "undone": N_("undo changes on {n}"),
    "reminder": N_("set a reminder on {n}"),
    "reminder_done": N_("mark a reminder of {n} done"),
    "reminder_snoozed": N_("snooze a reminder of {n}"),
}

# What an admin-only setting is, as a verb: "Only an admin can switch the pipeline template."
SETTINGS = {
    "stages": N_("switch the pipeline template"),
    "stage_editor": N_("edit the pipeline's stages"),
    "qualify_rule": N_("change the qualification rule"),
    "currency": N_("change the workspace currency"),
    "rate": N_("set conversion rates"),
    "language": N_("set the workspace's default language"),
    "access": N_("open or close the workspace to everyone's changes"),
    "manager": N_("name managers"),
    "admin": N_("name admins"),
    "import": N_("import deals from a CSV file"),
    "change the digest window": N_("change the digest window"),  # bot/reports/window.py
}

ADMINS_ARE = N_("Slack's workspace admins and owners")
CHANGE = N_("change {n}")


def who_admins(admins: list[str], installers: list[str]) -> str:
    """`Slack's workspace admins and owners, @ann (installed dealbot), @dan`."""
    named = [
        _("{user} (installed dealbot)").format(user=user(u)) if u in installers else user(u)
        for u in admins
    ]
    return ", ".join([_(ADMINS_ARE), *named])


def admin_only(action: str, admins: list[str], installers: list[str]) -> str:
    setting = SETTINGS.get(action)
    what = _(setting) if setting else escape(action)
    return _("Only an admin can {what}: {admins}. Ask one of them; nothing was changed.").format(
        what=what, admins=who_admins(admins, installers)
    )


def change_not_yours(number: int, kind: str, owner: str, manager: str | None) -> str:
    verb = _(VERBS.get(kind, CHANGE)).format(n=f"#{number}")
    if manager:
        said = _(
            "Only the deal's owner ({owner}), its collaborators, {owner}'s manager ({manager}) "
            "or an admin can {verb}. Ask one of them, or an admin can open the workspace with "
            "`/deal access open`."
        )
    else:
        said = _(
            "Only the deal's owner ({owner}), its collaborators or an admin can {verb}. Ask one "
            "of them, or an admin can open the workspace with `/deal access open`."
        )
    return said.format(owner=user(owner), manager=user(manager) if manager else "", verb=verb)


def manager_only(team: str, manager: str | None) -> str:
    if manager:
        said = _(
            "Only its manager ({manager}) or an admin can change the team *{team}*. "
            "Nothing was changed."
        )
    else:
        said = _(
            "Only its manager (it has none yet) or an admin can change the team *{team}*. "
            "Nothing was changed."
        )
    return said.format(manager=user(manager) if manager else "", team=escape(team))


def team_unknown(text: str, teams: list[str]) -> str:
    if teams:
        return _("I know no team called “{text}”. Teams: {teams}.").format(
            text=escape(text), teams=", ".join(escape(t) for t in teams)
        )
    return _(
        "I know no team called “{text}”. There are no teams yet: `/deal team new Central @ann` "
        "creates one."
    ).format(text=escape(text))


def not_in(who: str, team: str, now: str | None) -> str:
    if now:
        said = _("{user} is not in *{team}* (they are in *{now}*); nothing was changed.")
    else:
        said = _("{user} is not in *{team}* (they are in no team); nothing was changed.")
    return said.format(user=user(who), team=escape(team), now=escape(now or ""))


def access_already(state: str) -> str:
    if state == "open":
        return _("The workspace is already open; nothing changed.")
    return _("The workspace is already closed; nothing changed.")


WORDS: dict[str, Wording] = {
    "admin_only": admin_only,
    "change_not_yours": change_not_yours,
    "team_manager_only": manager_only,
    "team_create_not_allowed": N_(
        "Only a manager or an admin can create a sales team; an admin can make you a manager "
        "with `/deal team manager @you`."
    ),
    "team_lead_self_only": N_(
        "A manager creates teams led by themselves: `/deal team new {name}`. An admin can "
        "name another manager."
    ),
    "team_name_missing": N_("Name the team, e.g. `/deal team new Central @ann`."),
    "team_name_too_long": N_("Keep a team's name to {limit} characters (that one has {length})."),
    "team_name_taken": N_("There is already a team called *{name}*; pick another name."),
    "team_unknown": team_unknown,
    "team_nobody": N_("Name people with @mentions, e.g. `/deal team add Central @bob @cat`."),
    "team_one_person": N_("Name one person with an @mention, e.g. `/deal team {verb} @ann`."),
    "team_not_in": not_in,
    "role_already": lambda who, role: _("{user} is already {role}; nothing changed.").format(
        user=user(who), role=role_words(role)
    ),
    "role_not": lambda who, role: _("{user} is not {role}; nothing changed.").format(
        user=user(who), role=role_words(role)
    ),
    "admin_not_by_role": lambda who: _(
        "{user} is an admin through Slack (a workspace admin or owner) or as the person "
        "who installed dealbot; dealbot cannot take that away. Nothing was changed."
    ).format(user=user(who)),
    "access_already": access_already,
}


def role_words(role: str) -> str:
    """`an admin`, `a manager`, `a seller`."""
    if role == "admin":
        return _("an admin")
    if role == "manager":
        return _("a manager")
    return _("a seller")
