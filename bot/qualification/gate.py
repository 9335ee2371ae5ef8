"""The qualification gate: an unqualified deal does not pass the qualification stage unasked."""

from sqlmodel import Session

from bot.common.errors import NeedsQualification, NotAllowed
from bot.workspaces.service import ensure_workspace
from storage import queries
from storage.models import Deal, Stage

QUALIFIED_KEY = "qualified"  # the stage a lead reaches when it becomes an SQL


def qualification_stage(*, session: Session, team_id: str) -> Stage | None:
    """The workspace's open stage whose key is `qualified`, if its pipeline has one."""
    stages = queries.stages(session=session, team_id=team_id)
    return next((s for s in stages if s.key == QUALIFIED_KEY and s.kind == "open"), None)


def gate(
    *, session: Session, deal: Deal, target: Stage, strict: bool | None = None, force: bool = False
) -> None:
    """Refuse moving an unqualified deal past qualification (strict=None: the workspace's)."""
    if deal.qualified or target.kind != "open":
        return
    gate_stage = qualification_stage(session=session, team_id=deal.team_id)
    if gate_stage is None or target.position <= gate_stage.position:
        return
    if strict is None:
        strict = ensure_workspace(session=session, team_id=deal.team_id).strict_qualification
    if strict:
        raise NotAllowed("qualified_only", deal=deal.number, name=deal.name, gate=gate_stage.name)
    if not force:
        raise NeedsQualification(
            "needs_qualification",
            deal=deal.number,
            frm=deal.stage_id,
            to=target.id,
            name=deal.name,
            target=target.name,
            gate=gate_stage.name,
        )
