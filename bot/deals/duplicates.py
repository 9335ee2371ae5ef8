"""The duplicate warning of /deal new: similar open deals, and creating anyway only once."""

from sqlmodel import Session

from bot.common.errors import NotAllowed
from bot.deals import matching
from bot.deals import service as deals
from storage import duplicate_queries, number_queries, search_text

PREFIX = 3  # letters of each word a similar name must share the start of


def similar_open(*, session: Session, team_id: str, name: str) -> list[tuple[int, str]]:
    """(number, name) of the workspace's open deals whose name is like `name`.

    Only names with a word that starts like one of this name's words (its first three
    letters) are compared: an indexed lookup, whatever the number of open deals. A typo
    in the first letters of every word (`Akme` for `Acme`) goes unwarned."""
    prefixes = list(dict.fromkeys(w[:PREFIX] for w in search_text.words(name)))
    names = duplicate_queries.open_deals_sharing(
        session=session, team_id=team_id, prefixes=prefixes
    )
    return matching.similar(name, names)


def seen_up_to(*, session: Session, team_id: str) -> int:
    """The last deal number when the warning is shown; Create anyway carries it."""
    return number_queries.last_number(session=session, team_id=team_id)


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
