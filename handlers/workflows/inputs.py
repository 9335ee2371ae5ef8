"""A step's inputs as the `function_executed` event carries them, read and checked.

Workflow Builder fills each input from a form answer, an earlier step or typed text, so a
value may be empty, of another kind than declared, or odd; each reader returns a clean
value or raises StepInput with the words for the step's error.
"""

import re
from typing import Any

from handlers.kit.inbound import clean
from handlers.workflows import words

USER = re.compile(r"[UW][A-Z0-9]{1,31}")
CHANNEL = re.compile(r"[CGD][A-Z0-9]{1,31}")
TEXT_MAX = 500  # a deal reference, a stage, a company, an amount: never longer


class StepInput(Exception):
    """An input the step cannot use; the message is what the workflow's runner reads."""


def text(inputs: dict, name: str, *, required: bool = False, limit: int = TEXT_MAX) -> str | None:
    """A text input, on one line and trimmed; None when empty (refused when required)."""
    value = inputs.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # a number from an earlier step, for a deal number or a value
    if value is not None and not isinstance(value, str):
        raise StepInput(words.not_text(name))
    found = clean(value or "", lines=False).strip()
    if not found:
        if required:
            raise StepInput(words.missing(name))
        return None
    if len(found) > limit:
        raise StepInput(words.too_long(name, limit))
    return found


def user(inputs: dict, name: str) -> str | None:
    """A `slack#/types/user_id` input: the user's id, or None when empty."""
    value = inputs.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not USER.fullmatch(value):
        raise StepInput(words.not_a_person(name, value))
    return value


def person(inputs: dict, name: str, *, required: bool = False) -> str | None:
    """A `slack#/types/user_context` input ({"id": "U…", "secret": …}): the person's id.

    Only Slack fills one (with whoever ran the workflow): a builder cannot type another
    person into it, which is why a step that acts as someone reads this, not a user_id."""
    value: Any = inputs.get(name)
    if value in (None, "", {}):
        if required:
            raise StepInput(words.missing(name))
        return None
    uid = value.get("id") if isinstance(value, dict) else None
    if not isinstance(uid, str) or not USER.fullmatch(uid):
        raise StepInput(words.not_a_person(name, uid if isinstance(uid, str) else value))
    return uid


def channel(inputs: dict, name: str) -> str:
    """A `slack#/types/channel_id` input (required): the channel's id."""
    value = inputs.get(name)
    if value in (None, ""):
        raise StepInput(words.missing(name))
    if not isinstance(value, str) or not CHANNEL.fullmatch(value):
        raise StepInput(words.not_a_channel(value))
    return value
