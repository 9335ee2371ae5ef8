"""Lists of deals: which deals each scope names, a page at a time, and what the title needs."""

import pytest

from bot.common.errors import StageNotFound
from bot.deals import listing
from bot.deals import service as deals
from tests.words import refused

T = "T0TEST"


@pytest.fixture
def pipeline(session):
    """Acme (ann's), Beta (bob's, at proposal), Gamma (ann's, won)."""
    for name, owner in (("Acme", "U0ANN"), ("Beta", "U0BOB"), ("Gamma", "U0ANN")):
        deals.create(session=session, team_id=T, actor="U0ANN", name=name, owner=owner)
    deals.move(session=session, team_id=T, actor="U0BOB", ref="2", to="proposal", force=True)
    deals.move(session=session, team_id=T, actor="U0ANN", ref="3", to="won", force=True)
    return session


def page(s, scope="", owner=None, offset=0, viewer="U0ANN"):
    return listing.deals_page(
        session=s, team_id=T, viewer=viewer, scope=scope, owner=owner, offset=offset
    )


def names(p: listing.Page) -> list[str]:
    return [v.deal.name for v in p.views]


def test_each_scope_lists_its_deals_and_says_what_it_is(pipeline):
    assert (page(pipeline).kind, names(page(pipeline))) == ("open", ["Acme", "Beta"])
    assert (page(pipeline, "mine").kind, names(page(pipeline, "mine"))) == ("mine", ["Acme"])
    assert (page(pipeline, "ALL").kind, page(pipeline, "all").total) == ("all", 3)
    at = page(pipeline, "proposal")
    assert (at.kind, at.stage, names(at)) == ("stage", "Proposal received", ["Beta"])


def test_a_person_s_list_is_their_open_deals(pipeline):
    p = page(pipeline, "<@U0BOB|bob>", owner="U0BOB")
    assert (p.kind, p.owner, names(p), p.scope) == ("owner", "U0BOB", ["Beta"], "<@U0BOB|bob>")
    assert names(page(pipeline, owner="U0ANN")) == ["Acme"]  # Gamma is won


def test_a_list_comes_a_page_at_a_time(session):
    for i in range(listing.PAGE + 2):
        deals.create(session=session, team_id=T, actor="U0ANN", name=f"Deal {i:02d}")
    first, second = page(session), page(session, offset=listing.PAGE)
    assert (len(first.views), first.total) == (listing.PAGE, listing.PAGE + 2)
    assert names(second) == ["Deal 25", "Deal 26"] and second.offset == listing.PAGE


def test_an_unknown_stage_is_refused_with_the_stages(pipeline):
    with refused(StageNotFound, "There is no stage “nowhere”"):
        page(pipeline, "nowhere")


def test_history_is_the_newest_entries_oldest_first(pipeline):
    deal = deals.get(session=pipeline, team_id=T, ref="2")
    kinds = [a.kind for a in listing.history(session=pipeline, team_id=T, deal_id=deal.id, limit=5)]
    assert kinds == ["created", "moved"]
    newest = listing.history(session=pipeline, team_id=T, deal_id=deal.id, limit=1)
    assert [a.kind for a in newest] == ["moved"]
