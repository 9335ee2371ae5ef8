"""The duplicate warning of /deal new: similar open deals, and creating anyway only once."""

from sqlmodel import Session

from bot.common.errors import NotAllowed
from bot.deals import matching
from bot.deals import service as deals
from storage import duplicate_queries


def similar_open(*, session: Session, team_id: str, name: str) -> list[tuple[int, str]]:
    """(number, name) of the workspace's open deals whose name is like `name`."""
    names = duplicate_queries.open_deal_names(session=session, team_id=team_id)
    return matching.similar(name, names)


def seen_up_to(*, session: Session, team_id: str) -> int:
    """The last deal number when the warning is shown; Create anyway carries it."""
    return duplicate_queries.deal_seq(session=session, team_id=team_id)


def create_once(
    *, session: Session, team_id: str, actor: str, seen: int, **fields
) -> deals.DealView:
    """Create the deal unless the actor already created one of that name since the warning
    (a second click of Create anyway); the workspace is held so two clicks run in turn."""
    duplicate_queries.hold_numbers(session=session, team_id=team_id)
    want = matching.fold(deals.check_name(fields["name"]))
    made = duplicate_queries.created_since(
        session=session, team_id=team_id, actor=actor, after=seen
    )
    done = [(n, name) for n, name in made if matching.fold(name) == want]
    if done:
        number, name = done[0]
        raise NotAllowed("already_created", number=number, name=name)
    return deals.create(session=session, team_id=team_id, actor=actor, **fields)
