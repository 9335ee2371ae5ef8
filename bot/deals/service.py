"""Deal operations: creating, finding and moving a deal. With history.py (each change
records an activity) and writes.py (each change is one guarded statement in storage), the
only code that changes deals; views.py is what a card shows of one.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from bot.common.errors import DealNotFound, InvalidInput, NotAllowed, StageNotFound
from bot.common.money import Money
from bot.common.text import clean_line
from bot.deals import matching
from bot.deals.companies import company_for

# These three also re-export: the rest of the bot calls them deals.<name> (`service as deals`).
from bot.deals.history import (  # noqa: F401
    changeable,
    mark_current,
    record,
    recorded,
    value_text,
)
from bot.deals.views import DealView, bant_line, bant_text, view, view_of  # noqa: F401
from bot.deals.writes import (  # noqa: F401
    current_stage,
    move_guarded,
    pipeline_at,
    set_card,
    touch,
    transition,
    update,
)
from bot.qualification import gate
from bot.teams import access
from bot.workspaces.service import workspace_and_stages
from storage import deal_writes, number_queries, queries
from storage.models import Deal, Stage, Workspace
from storage.types import utcnow

NAME_MAX = 150  # Slack's header block holds 150 characters; the card's title is the name.


@dataclass
class Moved:
    """The result of a stage move."""

    view: DealView
    from_stage: Stage


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
    # One Core insert each, the deal and its first activity (storage/deal_writes.py), at one
    # moment: the deal is written with its history's newest time, so the activity's trigger
    # has nothing to raise (storage/last_activity.py) and the deal row is not written twice.
    now = utcnow()
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
        created_at=now,
        updated_at=now,
        stage_changed_at=now,
        last_activity_at=now,
    )
    mark_current(session, deal)  # nobody else sees the row before this commits
    created = record(
        session, deal, actor, "created", to=first.name, stages=(None, first), at=now
    )
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
