"""Shape the pipeline: rename, reorder, add and remove stages, set odds and quiet-after days.

Admins only: `_admin` is the one check (bot.teams.access.require_admin). An edit is one
unit of work that locks the workspace row like a template switch, and is refused whole
(field by field) when any part is wrong, or when the pipeline changed since the editor
was opened (its `fingerprint`). Won and lost stages keep their kind and odds (100/0);
they can be renamed. A stage is never deleted (history names it): a removed stage is
retired (active=False), and only when no deal is on it. Every change is a StageChange row;
when names, order or the set of open stages changed, every open deal's card is updated
through the outbox (its stage, its place and its move menu show them).
"""

import hashlib
from dataclasses import dataclass, field, replace

from sqlmodel import Session

from bot.common.errors import DomainError, InvalidInput
from bot.deals import effects
from bot.pipeline import stage_rules as rules
from bot.pipeline.stages import StageCount, pipeline
from bot.pipeline.templates import every_name
from bot.teams import access
from bot.workspaces.service import ensure_workspace
from storage import pipeline_queries, stage_queries
from storage.models import Stage, StageChange

MAX_OPEN = 12  # the editor's modal has room (Slack's 100 blocks) for this many open stages
REMOVE = "remove"
CARD_KINDS = frozenset({"renamed", "moved", "added", "removed"})


class FormErrors(DomainError):
    """Field errors of an edit: `errors` maps `<stage id or new>:<field>` to an error."""

    def __init__(self, errors: dict[str, DomainError]) -> None:
        super().__init__("stage_form", errors=errors)
        self.errors = errors


@dataclass
class StageForm:
    """One stage as an edit gives it (text as typed); stage_id None is a stage to add."""

    stage_id: int | None
    name: str
    probability: str = ""
    quiet: str = ""
    place: str = ""  # open stages: "1".."N" or "remove"; "" keeps it (or adds it last)


@dataclass
class Editor:
    """The active stages with their deal counts, the pipeline's fingerprint, recent edits."""

    stages: list[StageCount]
    fingerprint: str
    changes: list[StageChange] = field(default_factory=list)

    def open(self) -> list[StageCount]:
        return [c for c in self.stages if c.stage.kind == "open"]

    def closing(self) -> list[StageCount]:
        return [c for c in self.stages if c.stage.kind != "open"]


def _admin(session: Session, team_id: str, actor: str) -> None:
    """The stage editor is for admins (every entry point below asks here)."""
    access.require_admin(session=session, team_id=team_id, user_id=actor, action="stage_editor")


def fingerprint(stages: list[Stage]) -> str:
    """What the active pipeline is now, short: an edit made from an older view is refused."""
    seen = [(s.id, s.name, s.position, s.probability, s.stale_days, s.kind) for s in stages]
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:16]


def editor(*, session: Session, team_id: str, actor: str) -> Editor:
    """What the editor shows; refused to a non-admin."""
    _admin(session, team_id, actor)
    info = pipeline(session=session, team_id=team_id)
    return Editor(
        stages=info.stages,
        fingerprint=fingerprint([c.stage for c in info.stages]),
        changes=recent(session=session, team_id=team_id, limit=5),
    )


def recent(*, session: Session, team_id: str, limit: int = 20) -> list[StageChange]:
    """The latest pipeline edits, newest first."""
    return stage_queries.changes(session=session, team_id=team_id, limit=limit)


def forms_of(ed: Editor) -> list[StageForm]:
    """The edit that changes nothing: each active stage as it is."""
    out, opens = [], ed.open()
    for c in ed.stages:
        s = c.stage
        place = str(opens.index(c) + 1) if s.kind == "open" else ""
        quiet = str(s.stale_days) if s.stale_days else ""
        out.append(StageForm(s.id, s.name, str(s.probability), quiet, place))
    return out


def apply(
    *, session: Session, team_id: str, actor: str, forms: list[StageForm], seen: str
) -> list[StageChange]:
    """Apply an edit of the whole pipeline; the changes recorded (none: nothing changed)."""
    _admin(session, team_id, actor)
    ensure_workspace(session=session, team_id=team_id)
    pipeline_queries.lock_workspace(session=session, team_id=team_id)
    every = pipeline_queries.every_stage_fresh(session=session, team_id=team_id)
    active = [s for s in every if s.active]
    existing = [f for f in forms if f.stage_id is not None]
    if fingerprint(active) != seen or sorted(f.stage_id for f in existing) != sorted(
        s.id for s in active
    ):
        raise InvalidInput("pipeline_changed")
    counts = pipeline_queries.deal_counts(session=session, team_id=team_id)
    plan = _check(active, counts, forms)
    return _write(session, team_id, actor, every, plan)


@dataclass
class _Planned:
    stage: Stage | None  # None: to add
    name: str
    probability: int
    quiet: int | None
    order: tuple  # sort key among the open stages
    remove: bool = False
    moved_to: int | None = None


def _attempt(errors: dict[str, DomainError], key: str, work, default=None):
    """work(), or `default` with its error noted under `key` (the first one per field)."""
    try:
        return work()
    except DomainError as e:
        errors.setdefault(key, e)
        return default


def _check(active: list[Stage], counts: dict[int, int], forms: list[StageForm]) -> list[_Planned]:
    by_id = {s.id: s for s in active}
    opens = [s for s in active if s.kind == "open"]
    errors: dict[str, DomainError] = {}
    plan = [
        p
        for f in forms
        if (p := _plan_one(f, by_id.get(f.stage_id or 0), opens, counts, errors)) is not None
    ]
    _check_together(plan, errors)
    if errors:
        raise FormErrors(errors)
    return plan


def _plan_one(
    f: StageForm, s: Stage | None, opens: list[Stage], counts: dict[int, int], errors: dict
) -> _Planned | None:
    key = str(s.id) if s else "new"
    if s is None and not (f.name.strip() or f.probability.strip() or f.quiet.strip()):
        return None  # the add row left empty
    if s is not None and " ".join(f.name.split()) in every_name(s.name):
        f = replace(f, name=s.name)  # a template name as the reader read it: unchanged
    name = _attempt(errors, f"{key}:name", lambda: rules.stage_name(f.name), f.name)
    if s is not None and s.kind != "open":
        return _Planned(s, name, s.probability, s.stale_days, ())
    prob = _attempt(errors, f"{key}:probability", lambda: rules.percent(f.probability), 0)
    quiet = _attempt(errors, f"{key}:quiet", lambda: rules.quiet_days(f.quiet))
    index = opens.index(s) + 1 if s else len(opens) + 1
    place, remove = index, f.place.strip().casefold() == REMOVE
    if f.place.strip().isdigit() and not remove:
        place = max(1, min(int(f.place), len(opens) + 1))
    if remove and s is not None and counts.get(s.id, 0):
        stuck = InvalidInput("stage_not_empty", name=s.name, key=s.key, deals=counts[s.id])
        errors.setdefault(f"{key}:place", stuck)
    # Moved up: before the stage now at that place; moved down: after it.
    order = (place, 0 if s is None or place < index else 2 if place > index else 1, index)
    return _Planned(s, name, prob, quiet, order, remove, place if place != index else None)


def _check_together(plan: list[_Planned], errors: dict[str, DomainError]) -> None:
    """Names unique among the stages kept; at least one open stage, at most MAX_OPEN."""
    kept = [p for p in plan if not p.remove]
    groups: dict[str, list[_Planned]] = {}
    keys = {rules.fold(q.stage.key): q for q in kept if q.stage}  # a key names a stage too
    for p in kept:
        groups.setdefault(rules.fold(p.name), []).append(p)
        other = keys.get(rules.fold(p.name))
        if other is not None and other is not p and (p.stage is None or p.name != p.stage.name):
            key = f"{p.stage.id if p.stage else 'new'}:name"
            errors.setdefault(key, InvalidInput("stage_name_taken", text=p.name))
    for same in (g for g in groups.values() if len(g) > 1):
        # The error goes to the stages whose name was changed (or added), not the one kept.
        changed = [p for p in same if p.stage is None or p.name != p.stage.name] or same[1:]
        for p in changed:
            key = f"{p.stage.id if p.stage else 'new'}:name"
            errors.setdefault(key, InvalidInput("stage_name_taken", text=p.name))
    opens = [p for p in kept if p.order]
    if not opens:
        first = next(p for p in plan if p.order)
        errors.setdefault(f"{first.stage.id}:place", InvalidInput("stage_last_open"))
    if len(opens) > MAX_OPEN:
        errors.setdefault("new:name", InvalidInput("stage_too_many", limit=MAX_OPEN))


def _write(
    session: Session, team_id: str, actor: str, every: list[Stage], plan: list[_Planned]
) -> list[StageChange]:
    changes: list[StageChange] = []

    def note(stage: Stage, kind: str, frm: object, to: object) -> None:
        change = StageChange(
            team_id=team_id, stage_id=stage.id, actor_id=actor, kind=kind,
            from_value=None if frm is None else str(frm)[:500],
            to_value=None if to is None else str(to)[:500],
        )  # fmt: skip
        changes.append(change)

    opens = sorted((p for p in plan if p.order and not p.remove), key=lambda p: p.order)
    closing = [p for p in plan if not p.order]
    taken = {s.key for s in every}
    for position, p in enumerate([*opens, *closing]):
        s = p.stage
        if s is None:
            s = p.stage = Stage(team_id=team_id, key=rules.slug(p.name, taken), name=p.name,
                                position=position, probability=p.probability, kind="open",
                                stale_days=p.quiet)  # fmt: skip
            taken.add(s.key)
            session.add(s)
            session.flush()
            note(s, "added", None, p.name)
            continue
        if s.name != p.name:
            note(s, "renamed", s.name, p.name)
        if s.kind == "open" and s.probability != p.probability:
            note(s, "probability", s.probability, p.probability)
        if s.kind == "open" and s.stale_days != p.quiet:
            note(s, "quiet", s.stale_days, p.quiet)
        if p.moved_to is not None:
            note(s, "moved", p.order[2], p.moved_to)
        s.name, s.probability, s.stale_days, s.position = p.name, p.probability, p.quiet, position
        session.add(s)
    for p in plan:
        if p.remove and p.stage is not None:
            p.stage.active = False
            session.add(p.stage)
            note(p.stage, "removed", p.stage.name, None)
    for change in changes:
        session.add(change)
    session.flush()
    if any(c.kind in CARD_KINDS for c in changes):
        for deal in stage_queries.open_deals_with_cards(session=session, team_id=team_id):
            effects.card_changed(session=session, deal=deal)
    return changes
