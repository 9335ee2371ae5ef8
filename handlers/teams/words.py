"""What the user reads about roles, sales teams and who may change what."""

from handlers.kit.mrkdwn import escape
from handlers.kit.text import user
from handlers.kit.wording import Wording

# What a refused change was, as a verb on the deal: "Only … can move #12."
VERBS = {
    "moved": "move {n}",
    "won": "mark {n} won",
    "lost": "mark {n} lost",
    "reopened": "reopen {n}",
    "value": "change the value of {n}",
    "close": "change the expected close of {n}",
    "owner": "hand {n} over",
    "source": "change the source of {n}",
    "next": "change the next step of {n}",
    "name": "rename {n}",
    "company": "change the company of {n}",
    "tagged": "tag people on {n}",
    "qualified": "qualify {n}",
    "nurture": "set a follow-up on {n}",
    "snoozed": "snooze {n}",
    "archived": "archive {n}",
    "restored": "restore {n}",
    "undone": "undo changes on {n}",
    "reminder": "set a reminder on {n}",
    "reminder_done": "mark a reminder of {n} done",
    "reminder_snoozed": "snooze a reminder of {n}",
}

# What an admin-only setting is, as a verb: "Only an admin can switch the pipeline template."
SETTINGS = {
    "stages": "switch the pipeline template",
    "stage_editor": "edit the pipeline's stages",
    "qualify_rule": "change the qualification rule",
    "currency": "change the workspace currency",
    "rate": "set conversion rates",
    "access": "open or close the workspace to everyone's changes",
    "manager": "name managers",
    "admin": "name admins",
    "import": "import deals from a CSV file",
}

ADMINS_ARE = "Slack's workspace admins and owners"
OPEN_HINT = "or an admin can open the workspace with `/deal access open`"


def who_admins(admins: list[str], installers: list[str]) -> str:
    """`Slack's workspace admins and owners, @ann (installed dealbot), @dan`."""
    named = [user(u) + (" (installed dealbot)" if u in installers else "") for u in admins]
    return ", ".join([ADMINS_ARE, *named])


def admin_only(action: str, admins: list[str], installers: list[str]) -> str:
    what = SETTINGS.get(action, escape(action))
    return (
        f"Only an admin can {what}: {who_admins(admins, installers)}. "
        "Ask one of them; nothing was changed."
    )


def change_not_yours(number: int, kind: str, owner: str, manager: str | None) -> str:
    people = [f"the deal's owner ({user(owner)})", "its collaborators"]
    if manager:
        people.append(f"{user(owner)}'s manager ({user(manager)})")
    verb = VERBS.get(kind, "change {n}").format(n=f"#{number}")
    return f"Only {', '.join(people)} or an admin can {verb}. Ask one of them, {OPEN_HINT}."


def manager_only(team: str, manager: str | None) -> str:
    lead = f"its manager ({user(manager)})" if manager else "its manager (it has none yet)"
    return f"Only {lead} or an admin can change the team *{escape(team)}*. Nothing was changed."


WORDS: dict[str, Wording] = {
    "admin_only": admin_only,
    "change_not_yours": change_not_yours,
    "team_manager_only": manager_only,
    "team_create_not_allowed": (
        "Only a manager or an admin can create a sales team; an admin can make you a manager "
        "with `/deal team manager @you`."
    ),
    "team_lead_self_only": (
        "A manager creates teams led by themselves: `/deal team new {name}`. An admin can "
        "name another manager."
    ),
    "team_name_missing": "Name the team, e.g. `/deal team new Central @ann`.",
    "team_name_too_long": "Keep a team's name to {limit} characters (that one has {length}).",
    "team_name_taken": "There is already a team called *{name}*; pick another name.",
    "team_unknown": lambda text, teams: (
        f"I know no team called “{escape(text)}”. "
        + (
            f"Teams: {', '.join(escape(t) for t in teams)}."
            if teams
            else "There are no teams yet: `/deal team new Central @ann` creates one."
        )
    ),
    "team_nobody": "Name people with @mentions, e.g. `/deal team add Central @bob @cat`.",
    "team_one_person": "Name one person with an @mention, e.g. `/deal team {verb} @ann`.",
    "team_not_in": lambda who, team, now: (
        f"{user(who)} is not in *{escape(team)}*"
        + (f" (they are in *{escape(now)}*)" if now else " (they are in no team)")
        + "; nothing was changed."
    ),
    "role_already": lambda who, role: (
        f"{user(who)} is already {role_words(role)}; nothing changed."
    ),
    "role_not": lambda who, role: f"{user(who)} is not {role_words(role)}; nothing changed.",
    "admin_not_by_role": lambda who: (
        f"{user(who)} is an admin through Slack (a workspace admin or owner) or as the person "
        "who installed dealbot; dealbot cannot take that away. Nothing was changed."
    ),
    "access_already": "The workspace is already {state}; nothing changed.",
}


def role_words(role: str) -> str:
    """`an admin`, `a manager`, `a seller`."""
    return {"admin": "an admin", "manager": "a manager"}.get(role, "a seller")
