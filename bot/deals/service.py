"""Deal operations: the only code that changes deals. Each records an activity.

Every change is one guarded statement in storage: a stage move happens only from the
stage it expects to leave (`transition`), a field edit only at the version it read
(`update`); a stale change is refused with who got there first, never applied twice.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from bot.common.errors import DealNotFound, InvalidInput, NotAllowed, StageNotFound, StaleDeal
from bot.common.money import Money, stored_money
from bot.common.text import clean_line
from bot.deals import matching
from bot.deals.companies import company_for
from bot.qualification import gate
from bot.qualification import rule as qualify
from bot.teams import access
from bot.workspaces.service import active_stages, workspace_and_stages
from storage import deal_queries, deal_writes, number_queries, queries
from storage.models import Activity, Deal, Stage, Workspace
from storage.types import utcnow

CURRENT = "current_deals"  # session.info: the deals mark_current noted
NAME_MAX = 150  # Slack's header block holds 150 characters; the card's title is the name.


@dataclass
class DealView:
    """A deal with what a card or a list line needs to show it."""

    deal: Deal
    stage: Stage
    stages: list[Stage]
    company: str | None = None
    collaborators: list[str] = field(default_factory=list)
    last: Activity | None = None
    changes: list[Activity] = field(default_factory=list)  # recorded by this unit of work
    bant: str | None = None  # `SQL · hot · B✓ A✓ N✓ T✓` once qualified


@dataclass
class Moved:
    """The result of a stage move."""

    view: DealView
    from_stage: Stage


# What an archived deal still takes: its notes and thread replies, a reminder marked done,
# and the ways back (restore, undo). Any other change is refused until it is restored.
ARCHIVED_MAY = frozenset({"archived", "restored", "undone", "note", "reply", "reminder_done"})


def changeable(deal: Deal) -> Deal:
    """The deal, unless it is archived: then the change is refused, naming the way back."""
    if deal.archived_at is not None:
        raise NotAllowed("deal_archived", number=deal.number, name=deal.name)
    return deal


def record(
    session: Session,
    deal: Deal,
    actor: str,
    kind: str,
    frm: str | None = None,
    to: str | None = None,
    note: str | None = None,
    stages: tuple[Stage | None, Stage | None] = (None, None),
) -> Activity:
    """Append one activity to the deal's history (an archived deal takes only ARCHIVED_MAY).

    A stage move passes its `stages` (from, to): their ids are kept, so the history prints a
    renamed stage by its current name."""
    if kind not in ARCHIVED_MAY and not session.info.get("system_change"):
        changeable(deal)  # a pipeline switch still moves archived deals off retired stages
    # Every change records an activity: here the actor's right to make it is checked
    # (bot/teams/access.py); undoing one's own note is open like the note was.
    asked = "note" if (kind, frm) == ("undone", "note") else kind
    access.require_change(session, deal, actor, asked)
    # Written now by one Core insert (storage/deal_writes.py); what the unit of work still
    # holds unwritten (the deal's own changes) is flushed before it, as the ORM did.
    row = deal_writes.add_activity(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        actor_id=actor,
        kind=kind,
        from_value=frm,
        to_value=to,
        note=note,
        from_stage_id=stages[0].id if stages[0] else None,
        to_stage_id=stages[1].id if stages[1] else None,
    )
    newest(deal, row)
    return recorded(session, row)


def newest(deal: Deal, row: Activity) -> None:
    """Keep the deal object's last_activity_at as the activity's trigger just set the row's
    (storage/last_activity.py), when the object holds that column (nothing to write back)."""
    if "last_activity_at" not in deal.__dict__:  # not loaded (expired): read when used
        return
    if deal.last_activity_at is None or deal.last_activity_at < row.at:
        set_committed_value(deal, "last_activity_at", row.at)


def mark_current(session: Session, deal: Deal) -> None:
    """Note that the deal object holds its row as this unit of work last wrote it (created,
    or returned or re-read by the guarded statement that changed it, which keeps the row
    locked till commit), so its Slack effects need not read it again (effects.write)."""
    session.info.setdefault(CURRENT, set()).add(deal.id)


def recorded_of(session: Session, deal: Deal) -> list[Activity]:
    """The deal's activities this unit of work recorded, oldest first."""
    return [a for a in session.info.get("recorded", []) if a.deal_id == deal.id]


def recorded(session: Session, row: Activity) -> Activity:
    """Note an activity this unit of work added, so that its Slack effects are written too."""
    session.info.setdefault("recorded", []).append(row)
    return row


def value_text(deal: Deal) -> str | None:
    """The deal's value as the history records it ($12,000), or None."""
    if deal.value_minor is None:
        return None
    return stored_money(Money(deal.value_minor, deal.currency))


def check_name(name: str) -> str:
    """A deal name, cleaned, or an error saying what would work."""
    name = clean_line(name)
    if not name:
        raise InvalidInput("name_missing")
    if len(name) > NAME_MAX:
        raise InvalidInput("name_too_long", length=len(name), limit=NAME_MAX)
    return name


def create(
    *,
    session: Session,
    team_id: str,
    actor: str,
    name: str,
    amount: Money | None = None,
    owner: str | None = None,
    company: str | None = None,
    source: str | None = None,
    close_date: date | None = None,
    next_step: str | None = None,
    channel_id: str | None = None,
    pipeline: tuple[Workspace, list[Stage]] | None = None,
) -> DealView:
    """Create a lead in the first stage of the workspace's pipeline; `pipeline`: what
    workspace_and_stages(hold=True) returned in this unit of work, if the caller read it."""
    name = check_name(name)
    # Reading the stages holds the pipeline (the workspace row FOR SHARE on PostgreSQL),
    # so a concurrent template switch finishes before this deal picks its first stage
    # or waits until it is written; other creates are not held up.
    ws, stages = pipeline or workspace_and_stages(session=session, team_id=team_id, hold=True)
    first = next(s for s in stages if s.kind == "open")
    comp = company_for(session, team_id, company)
    # One Core insert each, the deal and its first activity (storage/deal_writes.py).
    deal = deal_writes.add_deal(
        session=session,
        team_id=team_id,
        # Last before the writes: on PostgreSQL it commits on its own, locking only the
        # counter row, and only for that statement (storage/number_queries.py).
        number=number_queries.next_number(session=session, team_id=team_id),
        name=name,
        company_id=comp.id if comp else None,
        value_minor=amount.minor if amount else None,
        currency=amount.currency if amount else ws.currency,
        stage_id=first.id,
        owner_id=owner or actor,
        source=source,
        close_date=close_date,
        next_step=clean_line(next_step) if next_step else None,
        channel_id=channel_id,
        created_by=actor,
    )
    mark_current(session, deal)  # nobody else sees the row before this commits
    created = record(session, deal, actor, "created", to=first.name, stages=(None, first))
    # A new deal has no collaborators, qualification or older history: its view is built
    # from what was just written (this runs while Slack waits for the acknowledgement).
    return DealView(
        deal=deal,
        stage=first,
        stages=stages,
        company=comp.name if comp else None,
        last=created,
        changes=[created],
    )


def get(*, session: Session, team_id: str, ref: str) -> Deal:
    """The deal a user's reference names: `12`, `#12` or an unambiguous part of its name."""
    ref = ref.strip()
    if not ref:
        raise InvalidInput("deal_missing")
    number = matching.parse_number(ref)
    if number is not None:
        deal = queries.deal_by_number(session=session, team_id=team_id, number=number)
        if deal is None:
            names = queries.deal_names(session=session, team_id=team_id)
            raise DealNotFound(
                "deal_number_unknown", number=number, **matching.suggestions(ref, names)
            )
        return deal
    candidates = []
    if len(ref) <= NAME_MAX:  # a longer part is in no name (and SQLite refuses huge patterns)
        candidates = queries.deals_named_like(session=session, team_id=team_id, part=ref)
    names = [] if candidates else queries.deal_names(session=session, team_id=team_id)
    return matching.pick_deal(ref, candidates, names)


def get_to_change(*, session: Session, team_id: str, ref: str, actor: str, kind: str) -> Deal:
    """The deal a change of `kind` is about, once the actor may make it: asked before the
    deal is touched, so a refusal is judged on the deal as it was and said first."""
    deal = get(session=session, team_id=team_id, ref=ref)
    access.require_change(session, deal, actor, kind)
    return deal


def name_words(*, session: Session, team_id: str, words: list[str]) -> int:
    """How many of the first words name a deal whole (`acme corp called` -> 2), else 0."""
    names = [name for _, name in queries.deal_names(session=session, team_id=team_id)]
    return matching.name_words(words, names)


def view(*, session: Session, deal: Deal, stages: list[Stage] | None = None) -> DealView:
    """What a card needs to show the deal (`stages`: the active ones, when just read)."""
    stages = stages if stages is not None else queries.stages(session=session, team_id=deal.team_id)
    comp = queries.company(session=session, team_id=deal.team_id, company_id=deal.company_id)
    # What this unit of work recorded last is the deal's newest entry (view_of).
    recorded_here = bool(recorded_of(session, deal))
    return view_of(
        session,
        deal,
        stages,
        company=comp.name if comp else None,
        collaborators=queries.collaborators(session=session, team_id=deal.team_id, deal_id=deal.id),
        last=None
        if recorded_here
        else queries.last_activity(session=session, team_id=deal.team_id, deal_id=deal.id),
        bant=bant_line(session, deal),
    )


def view_of(
    session: Session,
    deal: Deal,
    stages: list[Stage],
    *,
    company: str | None,
    collaborators: list[str],
    last: Activity | None,
    bant: str | None,
) -> DealView:
    """The deal's view from what was read of it (`stages`: the active ones): its stage
    among them (else read: a retired one), and what this unit of work recorded of it, the
    last of which is its newest entry."""
    stage = next((s for s in stages if s.id == deal.stage_id), None) or queries.stage_by_id(
        session=session, team_id=deal.team_id, stage_id=deal.stage_id
    )
    changes = recorded_of(session, deal)
    return DealView(
        deal=deal,
        stage=stage,
        stages=stages,
        company=company,
        collaborators=collaborators,
        last=changes[-1] if changes else last,
        changes=changes,
        bant=bant,
    )


def bant_line(session: Session, deal: Deal) -> str | None:
    """The deal's BANT verdict for its card, once it was qualified."""
    if deal.qualified is None:  # never checked: no qualification to read
        return None
    return bant_text(
        queries.last_qualification(session=session, team_id=deal.team_id, deal_id=deal.id)
    )


def bant_text(q) -> str | None:
    """A BANT check's verdict as its card shows it (`SQL · hot · B✓ A✓ N✓ T✓`), or None."""
    return qualify.summary_text(q.qualified, q.temperature, qualify.answers_of(q)) if q else None


def move(
    *,
    session: Session,
    team_id: str,
    actor: str,
    ref: str,
    to: str | None = None,
    to_stage_id: int | None = None,
    expected_stage_id: int | None = None,
    force: bool = False,
    brief: bool = False,
) -> Moved:
    """Move a deal to another stage, refusing a stale or repeated move; force passes the gate.

    `brief`: its view holds the deal and its stages only, nothing more read (for a click on
    a card, which the outbox updates from the deal as stored)."""
    deal = get_to_change(session=session, team_id=team_id, ref=ref, actor=actor, kind="moved")
    current, stages = pipeline_at(session, deal, expected_stage_id)  # holds the pipeline
    if to_stage_id is not None:
        target = next((s for s in stages if s.id == to_stage_id), None)
        if target is None:
            raise StageNotFound("stage_gone")
    else:
        target = matching.match_stage(stages, to or "")
    after_sale = current.kind == "won" and target.kind == "won"  # relationship selling
    if current.kind != "open" and not after_sale:
        raise NotAllowed("deal_closed", number=deal.number, name=deal.name, stage=current.name)
    if target.id == deal.stage_id:
        raise NotAllowed("already_at", number=deal.number, name=deal.name, stage=target.name)
    if target.kind == "lost":
        raise NotAllowed("lost_by_move", number=deal.number)
    if not after_sale:
        gate.gate(session=session, deal=deal, target=target, force=force)
    kind = "won" if target.kind == "won" and not after_sale else "moved"
    transition(session, deal, current, target, actor, kind)
    if brief:
        return Moved(view=DealView(deal=deal, stage=target, stages=stages), from_stage=current)
    return Moved(view=view(session=session, deal=deal, stages=stages), from_stage=current)


def transition(
    session: Session,
    deal: Deal,
    current: Stage | None,
    target: Stage,
    actor: str,
    kind: str,
    note: str | None = None,
    **values: object,
) -> None:
    """Move the deal from current to target unless someone moved it first; record it."""
    move_guarded(session, deal, target, **values)
    frm = current.name if current else None
    record(session, deal, actor, kind, frm=frm, to=target.name, note=note, stages=(current, target))
    session.flush()


def move_guarded(session: Session, deal: Deal, target: Stage, **values: object) -> None:
    """Move the deal to target only from the stage it was read at (else it is stale); the
    deal object then holds the row as the move left it."""
    row = queries.move_if_at(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        from_stage_id=deal.stage_id,
        to_stage_id=target.id,
        now=utcnow(),
        **values,
    )
    if row is None:
        session.refresh(deal)
        raise stale(session, deal, None)
    queries.loaded(deal, row)
    mark_current(session, deal)


def update(session: Session, deal: Deal, **values: object) -> None:
    """Set the deal's columns unless someone changed it since it was read; bump its version."""
    if not queries.update_if_version(
        session=session,
        team_id=deal.team_id,
        deal_id=deal.id,
        version=deal.version,
        now=utcnow(),
        **values,
    ):
        raise StaleDeal("changed_meanwhile", number=deal.number)
    session.refresh(deal)
    mark_current(session, deal)


def touch(session: Session, deal: Deal) -> None:
    """Mark the deal as worked on now (a note): its fields and version stay as they are."""
    if not deal_queries.touch(session=session, team_id=deal.team_id, deal_id=deal.id, now=utcnow()):
        raise DealNotFound("deal_gone")
    session.refresh(deal)
    mark_current(session, deal)


def current_stage(session: Session, deal: Deal, expected_stage_id: int | None) -> Stage:
    """The deal's stage, refusing a change made from an out-of-date card."""
    return pipeline_at(session, deal, expected_stage_id)[0]


def pipeline_at(
    session: Session, deal: Deal, expected_stage_id: int | None
) -> tuple[Stage, list[Stage]]:
    """The deal's stage and the workspace's active stages (read-only copies, current while
    the workspace's stamp says so), the pipeline held; a change made from an out-of-date
    card is refused."""
    stages = active_stages(session=session, team_id=deal.team_id, hold=True)
    changeable(deal)  # before any gate or form: an archived deal is not moved
    stage = next((s for s in stages if s.id == deal.stage_id), None) or queries.stage_by_id(
        session=session, team_id=deal.team_id, stage_id=deal.stage_id
    )
    if expected_stage_id is not None and expected_stage_id != deal.stage_id:
        raise stale(session, deal, stage)
    return stage, stages


def stale(session: Session, deal: Deal, stage: Stage | None) -> StaleDeal:
    """The error for a change made on an out-of-date view of the deal."""
    stage = stage or queries.stage_by_id(
        session=session, team_id=deal.team_id, stage_id=deal.stage_id
    )
    last = queries.last_activity(session=session, team_id=deal.team_id, deal_id=deal.id)
    return StaleDeal(
        "moved_meanwhile",
        number=deal.number,
        name=deal.name,
        stage=stage.name,
        by=last.actor_id if last else None,
    )


def set_card(
    *,
    session: Session,
    team_id: str,
    deal_id: int,
    channel_id: str,
    ts: str,
    shown: Deal | None = None,
) -> bool:
    """Remember where the deal's card (its home message and thread) is; whether the deal
    changed since `shown`, the copy of it the card was made from (a field, a move, or any
    newer activity)."""
    found = deal_queries.set_card(
        session=session, team_id=team_id, deal_id=deal_id, channel_id=channel_id, ts=ts
    )
    if found is None:
        raise DealNotFound("deal_gone")
    return shown is not None and found != deal_queries.changed(shown)
