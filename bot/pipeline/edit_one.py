"""One stage change by text command (rename, probability, quiet, remove): the editor's
check and save, applied to the pipeline as it is with that one field changed."""

from sqlmodel import Session

from bot.common.errors import InvalidInput
from bot.deals.matching import match_stage
from bot.pipeline.editor import REMOVE, FormErrors, apply, editor, forms_of
from storage.models import StageChange

FIELDS = {"rename": "name", "probability": "probability", "quiet": "quiet", "remove": "place"}


def set_one(
    *, session: Session, team_id: str, actor: str, verb: str, ref: str, value: str
) -> list[StageChange]:
    """One change by text command (verb: rename, probability, quiet, remove) to the stage
    `ref` names (its number among the open stages, its key or name); refused like the form."""
    ed = editor(session=session, team_id=team_id, actor=actor)
    opens = ed.open()
    number = ref.strip().removeprefix("#")
    if number.isascii() and number.isdigit():
        if not 1 <= int(number) <= len(opens):
            raise InvalidInput("stage_number_unknown", number=int(number), count=len(opens))
        stage = opens[int(number) - 1].stage
    else:
        stage = match_stage([c.stage for c in ed.stages], ref)
    if stage.kind != "open" and verb != "rename":
        raise InvalidInput("stage_closing_fixed", name=stage.name, kind=stage.kind)
    forms = forms_of(ed)
    form = next(f for f in forms if f.stage_id == stage.id)
    setattr(form, FIELDS[verb], REMOVE if verb == "remove" else value)
    try:
        seen = ed.fingerprint
        return apply(session=session, team_id=team_id, actor=actor, forms=forms, seen=seen)
    except FormErrors as e:
        raise next(iter(e.errors.values())) from None
