"""What a workflow's runner reads when a dealbot step fails (functions.completeError).

Slack shows the error in the workflow's run, to whoever ran it and to its builder, so each
says what was wrong with which input of the step and what would work, then what was not
done. Text that came in an input is quoted back escaped and cut (handlers/kit/text.echo).
The step and input names are the manifest's (manifest.yml, English: what Workflow Builder
shows), so they stay as written; the sentences around them are translated.
"""

from bot.i18n import N_, _
from handlers.kit.text import echo

STEP = {"create_lead": "Create lead", "move_deal": "Move deal"}
NOTHING = {"create_lead": N_("Nothing was created."), "move_deal": N_("Nothing was changed.")}
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
PERSON = N_(
    "Slack fills it with whoever starts the workflow or clicks a button in it: start the "
    "workflow from a link or a shortcut, or put a step where someone clicks before this one."
)


def missing(name: str) -> str:
    """A required input came empty."""
    hint = (
        _(PERSON)
        if name in ("created_by", "moved_by")
        else _("Map it to a form answer or type one.")
    )
    return _("The step's *{input}* input is empty.").format(input=INPUT[name]) + " " + hint


def not_text(name: str) -> str:
    """An input that should be text came as something else (a list, an object)."""
    return _("The step's *{input}* input is not text; map it to a text answer.").format(
        input=INPUT[name]
    )


def not_a_person(name: str, value: object) -> str:
    """A user input that is no Slack user id."""
    said = _("The step's *{input}* input ({value}) is not a person.").format(
        input=INPUT[name], value=echo(str(value), 40)
    )
    return (
        said
        + " "
        + (
            _(PERSON)
            if name in ("created_by", "moved_by")
            else _("Map it to a person in Workflow Builder.")
        )
    )


def not_a_channel(value: object) -> str:
    """A channel input that is no Slack channel id."""
    return _(
        "The step's *Channel for the card* input ({value}) is not a channel; "
        "choose a channel in Workflow Builder."
    ).format(value=echo(str(value), 40))


def too_long(name: str, limit: int) -> str:
    """A text input over its limit."""
    return _("The step's *{input}* input is over {limit} characters; shorten it.").format(
        input=INPUT[name], limit=f"{limit:,}"
    )


def channel_refused(channel: str) -> str:
    """dealbot cannot post the card where the step says."""
    return _(
        "I can't post the deal's card in {channel}: I'm not a member of that private "
        "channel or conversation. Invite me there with `/invite @dealbot`, or choose another "
        "channel for the card."
    ).format(channel=f"<#{channel}>")


def failed(callback_id: str, reason: str) -> str:
    """The whole error: which step, why, and that nothing was done."""
    nothing = _(NOTHING[callback_id])
    # A reason that already says nothing was done (in English, or in the reader's language).
    # Translators: the words every "nothing was created/changed" sentence shares.
    marks = {"nothing was", _("nothing was")}
    said = reason if any(m in reason.lower() for m in marks) else f"{reason} {nothing}"
    return f"{STEP[callback_id]}: {said}"


def unqualified(deal: int, name: str, gate: str, target: str, **unused: object) -> str:
    """Move deal past the qualification stage for a deal not qualified yet: a step cannot
    offer Move anyway, so it asks for the qualification first."""
    return _(
        "#{deal} {name} is not qualified yet, and deals from {gate} on should be, "
        "so it was not moved to {target}. Qualify it first with `/deal qualify {deal}`, "
        "or move it by hand with `/deal move {deal} {target}` and choose Move anyway."
    ).format(deal=deal, name=echo(name), gate=echo(gate), target=echo(target))


def owner_refused(problems: list[tuple[str, str]]) -> str:
    """The Owner input names a bot, someone Slack does not know, or someone who left."""
    uid, why = problems[0]
    if why == "unknown":
        said = _(
            "The step's *Owner* input ({user}) is no one I can find in this workspace; "
            "choose a teammate."
        )
    elif why == "bot":
        said = _("The step's *Owner* input ({user}) is a bot; choose a teammate.")
    else:
        said = _("The step's *Owner* input ({user}) has left the workspace; choose a teammate.")
    return said.format(user=f"<@{uid}>")
