"""What a workflow's runner reads when a dealbot step fails (functions.completeError).

Slack shows the error in the workflow's run, to whoever ran it and to its builder, so each
says what was wrong with which input of the step and what would work, then what was not
done. Text that came in an input is quoted back escaped and cut (handlers/kit/text.echo).
"""

from handlers.kit.text import echo

STEP = {"create_lead": "Create lead", "move_deal": "Move deal"}
NOTHING = {"create_lead": "Nothing was created.", "move_deal": "Nothing was changed."}
INPUT = {
    "name": "Deal name",
    "company": "Company",
    "amount": "Value",
    "owner": "Owner",
    "channel": "Channel for the card",
    "created_by": "Created by",
    "deal": "Deal",
    "stage": "Stage",
    "moved_by": "Moved by",
}
PERSON = (
    "Slack fills it with whoever starts the workflow or clicks a button in it: start the "
    "workflow from a link or a shortcut, or put a step where someone clicks before this one."
)


def missing(name: str) -> str:
    """A required input came empty."""
    hint = PERSON if name in ("created_by", "moved_by") else "Map it to a form answer or type one."
    return f"The step's *{INPUT[name]}* input is empty. {hint}"


def not_text(name: str) -> str:
    """An input that should be text came as something else (a list, an object)."""
    return f"The step's *{INPUT[name]}* input is not text; map it to a text answer."


def not_a_person(name: str, value: object) -> str:
    """A user input that is no Slack user id."""
    return f"The step's *{INPUT[name]}* input ({echo(str(value), 40)}) is not a person. " + (
        PERSON if name in ("created_by", "moved_by") else "Map it to a person in Workflow Builder."
    )


def not_a_channel(value: object) -> str:
    """A channel input that is no Slack channel id."""
    return (
        f"The step's *Channel for the card* input ({echo(str(value), 40)}) is not a channel; "
        "choose a channel in Workflow Builder."
    )


def too_long(name: str, limit: int) -> str:
    """A text input over its limit."""
    return f"The step's *{INPUT[name]}* input is over {limit:,} characters; shorten it."


def channel_refused(channel: str) -> str:
    """dealbot cannot post the card where the step says."""
    return (
        f"I can't post the deal's card in <#{channel}>: I'm not a member of that private "
        "channel or conversation. Invite me there with `/invite @dealbot`, or choose another "
        "channel for the card."
    )


def failed(callback_id: str, reason: str) -> str:
    """The whole error: which step, why, and that nothing was done."""
    nothing = NOTHING[callback_id]
    said = reason if "nothing was" in reason.lower() else f"{reason} {nothing}"
    return f"{STEP[callback_id]}: {said}"


def unqualified(deal: int, name: str, gate: str, target: str, **_: object) -> str:
    """Move deal past the qualification stage for a deal not qualified yet: a step cannot
    offer Move anyway, so it asks for the qualification first."""
    return (
        f"#{deal} {echo(name)} is not qualified yet, and deals from {echo(gate)} on should be, "
        f"so it was not moved to {echo(target)}. Qualify it first with `/deal qualify {deal}`, "
        f"or move it by hand with `/deal move {deal} {echo(target)}` and choose Move anyway."
    )


def owner_refused(problems: list[tuple[str, str]]) -> str:
    """The Owner input names a bot, someone Slack does not know, or someone who left."""
    uid, why = problems[0]
    said = {
        "unknown": "is no one I can find in this workspace",
        "bot": "is a bot",
        "left": "has left the workspace",
    }[why]
    return f"The step's *Owner* input (<@{uid}>) {said}; choose a teammate."
