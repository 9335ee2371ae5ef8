"""The workspace's pipeline: show it, and switch it to another sales model's template.

A switch never deletes a stage (history names them): stages the new template lacks are
retired (active=False), keys in both are reused and updated, new keys are added. A deal
on a retired stage goes to the nearest stage of the new template: won to won, lost to
lost, else the open stage with the nearest win probability (on a tie, the earlier one).
Each moved deal gets a "moved" activity noting the switch. Its `stage_changed_at` is
kept: a template switch is not a seller's move, and restarting the clock would make a
stalled deal look fresh in days-in-stage and in the bottleneck metrics.

The switch is one unit of work that first locks the workspace row (FOR UPDATE on
PostgreSQL; SQLite writers are already serialized), so two switches at once run one
after the other and the second sees the first's stages.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from bot.common.errors import InvalidInput, StaleDeal
from bot.deals import service as deals
from bot.deals.service import DealView
from bot.i18n import N_
from bot.pipeline.templates import TEMPLATES, StageSpec
from bot.workspaces.service import ensure_workspace
from storage import pipeline_queries, queries
from storage.models import Deal, Stage, StageChange
from storage.types import utcnow

PURPOSES = {  # translated where shown
    "generic": N_("the generic seven, from prospect identified to verbal commitment"),
    "inbound": N_("leads come from marketing, so it starts at qualification (no prospecting)"),
    "outbound": N_(
        "your sellers find the leads: prospecting and first contact, then qualification"
    ),
    "account-based": N_(
        "a few big accounts with many contacts: target account, stakeholder "
        "list and strategy first, then contact and presentation"
    ),
    "relationship": N_(
        "the work goes on after the sale: adds post-sale stages "
        "(first check-in done, upsell proposed)"
    ),
    "team": N_(
        "team selling: adds a research stage after qualification, where analyst, "
        "marketing and the rep share what they learned"
    ),
}
ALIASES = {"abs": "account-based", "team-selling": "team", "default": "generic"}


@dataclass
class StageCount:
    """A stage and how many deals sit in it."""

    stage: Stage
    deals: int


@dataclass
class PipelineInfo:
    """The workspace's template, its stages with deal counts, and the templates to pick from."""

    template: str
    stages: list[StageCount]
    templates: list[tuple[str, str]] = field(default_factory=list)  # (name, what it is for)

    def open(self) -> list[StageCount]:
        """The open stages in pipeline order."""
        return [c for c in self.stages if c.stage.kind == "open"]

    def closing(self) -> list[StageCount]:
        """Won, lost and the post-sale stages."""
        return [c for c in self.stages if c.stage.kind != "open"]


@dataclass
class Mapping:
    """Deals that left a retired stage for a stage of the new template."""

    from_name: str
    to_name: str
    deals: int


@dataclass
class Switch:
    """The result of a template switch; `changed` is False when it was already in use."""

    template: str
    previous: str
    changed: bool
    mappings: list[Mapping] = field(default_factory=list)
    kept: int = 0
    moved: list[DealView] = field(default_factory=list)


def template_name(text: str) -> str:
    """The template a user named (any case; spaces or underscores for hyphens)."""
    want = "-".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    want = ALIASES.get(want, want)
    if want in TEMPLATES:
        return want
    raise InvalidInput("unknown_template", text=text, templates=list(TEMPLATES))


def pipeline(*, session: Session, team_id: str) -> PipelineInfo:
    """The workspace's template and active stages, each with its number of deals."""
    ws = ensure_workspace(session=session, team_id=team_id)
    stages = queries.stages(session=session, team_id=team_id)
    counts = pipeline_queries.deal_counts(session=session, team_id=team_id)
    return PipelineInfo(
        template=ws.pipeline_template,
        stages=[StageCount(s, counts.get(s.id, 0)) for s in stages],
        templates=list(PURPOSES.items()),
    )


def nearest(old: Stage, specs: tuple[StageSpec, ...]) -> StageSpec:
    """Where a deal on `old` goes in a template: same key, same closed kind, nearest odds."""
    for spec in specs:
        if spec.key == old.key:
            return spec
    if old.kind != "open":
        same = [s for s in specs if s.kind == old.kind]
        if same:
            return same[0]
    opens = [s for s in specs if s.kind == "open"]
    return min(opens, key=lambda s: abs(s.probability - old.probability))  # first on a tie


def use_template(*, session: Session, team_id: str, actor: str, template: str) -> Switch:
    """Switch the workspace to a template, moving deals off retired stages to the nearest."""
    name = template_name(template)
    ensure_workspace(session=session, team_id=team_id)
    ws = pipeline_queries.lock_workspace(session=session, team_id=team_id)
    previous = ws.pipeline_template
    if previous == name:
        return Switch(template=name, previous=previous, changed=False)
    specs = TEMPLATES[name]
    # A switch is not a seller's move: the moved deals' cards and threads are updated,
    # nobody is DMed about it (bot/deals/effects.py).
    session.info["system_change"] = True
    fresh = pipeline_queries.every_stage_fresh(session=session, team_id=team_id)
    rows = {s.key: s for s in fresh}
    retired = {s.id: s for s in rows.values() if s.key not in {p.key for p in specs}}
    for i, spec in enumerate(specs):
        row = rows[spec.key] = rows.get(spec.key) or Stage(team_id=team_id, key=spec.key)
        row.name, row.position, row.probability = spec.name, i, spec.probability
        row.kind, row.active = spec.kind, True
        session.add(row)
    for row in retired.values():
        row.active = False  # retired, never deleted: history names it
    ws.pipeline_template = name
    session.add(StageChange(team_id=team_id, actor_id=actor, kind="template", from_value=previous,
                            to_value=name))  # fmt: skip
    session.flush()
    moved = _move_deals(session, team_id, actor, name, retired, rows)
    total = pipeline_queries.deal_count(session=session, team_id=team_id)
    pairs = Counter((old.id, target.id) for old, target, _ in moved)
    names = {s.id: s.name for s in [*rows.values(), *retired.values()]}
    order = sorted(pairs, key=lambda pair: retired[pair[0]].position)
    return Switch(
        template=name,
        previous=previous,
        changed=True,
        mappings=[Mapping(names[frm], names[to], pairs[(frm, to)]) for frm, to in order],
        kept=total - len(moved),
        moved=[deals.view(session=session, deal=d) for _, _, d in moved],
    )


def _move_deals(
    session: Session,
    team_id: str,
    actor: str,
    template: str,
    retired: dict[int, Stage],
    rows: dict[str, Stage],
) -> list[tuple[Stage, Stage, Deal]]:
    """Move every deal on a retired stage; (old stage, new stage, deal) for each."""
    if not retired:
        return []
    on_retired = pipeline_queries.deals_on_stages(
        session=session, team_id=team_id, stage_ids=list(retired)
    )
    specs = TEMPLATES[template]
    now, out = utcnow(), []
    for deal in on_retired:
        old = retired[deal.stage_id]
        target = rows[nearest(old, specs).key]
        _restage(session, deal, target, now)
        note = f"pipeline switched to {template}"
        deals.record(
            session, deal, actor, "moved", frm=old.name, to=target.name, note=note,
            stages=(old, target),
        )
        out.append((old, target, deal))
    session.flush()
    return out


def _restage(session: Session, deal: Deal, target: Stage, now: datetime) -> None:
    """Put the deal on the new template's stage, only if nobody changed it since it was read.

    Its stage_changed_at stays: a template switch is not a seller's move.
    """
    if not queries.update_if_version(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        version=deal.version,
        now=now,
        stage_id=target.id,
    ):  # the deals are locked, so only a bug gets here: refuse the whole switch
        raise StaleDeal("switch_raced", deal=deal.number)
    session.refresh(deal)
