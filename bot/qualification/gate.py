"""The qualification gate: an unqualified deal does not reach the qualification stage unasked."""

from sqlmodel import Session

from bot.common.errors import NeedsQualification, NotAllowed
from bot.workspaces.service import active_stages, ensure_workspace
from storage.models import Deal, Stage

QUALIFIED_KEY = "qualified"  # the stage a lead reaches when it becomes an SQL


def qualification_stage(*, session: Session, team_id: str) -> Stage | None:
    """The workspace's open stage whose key is `qualified`, if its pipeline has one."""
    stages = active_stages(session=session, team_id=team_id)
    return next((s for s in stages if s.key == QUALIFIED_KEY and s.kind == "open"), None)


def gate(
    *, session: Session, deal: Deal, target: Stage, strict: bool | None = None, force: bool = False
) -> None:
    """Refuse taking an unqualified deal into the qualification stage or past it, however it
    goes there (Advance, the menu, `move`, `won`); strict=None: the workspace's setting.

    Into or past the stage the seller is asked (Qualify now / Move anyway), or refused when
    strict. Won is refused when strict and not asked otherwise: the sale is a fact to record.
    Lost is never gated: dropping a lead needs no qualification.
    """
    if deal.qualified or target.kind == "lost":
        return
    gate_stage = qualification_stage(session=session, team_id=deal.team_id)
    if gate_stage is None or (target.kind == "open" and target.position < gate_stage.position):
        return
    if strict is None:
        strict = ensure_workspace(session=session, team_id=deal.team_id).strict_qualification
    if strict:
        raise NotAllowed("qualified_only", deal=deal.number, name=deal.name, gate=gate_stage.name)
    if not force and target.kind == "open":
        raise NeedsQualification(
            "needs_qualification",
            deal=deal.number,
            frm=deal.stage_id,
            to=target.id,
            name=deal.name,
            target=target.name,
            gate=gate_stage.name,
        )
