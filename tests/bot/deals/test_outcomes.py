"""Closing deals: won, lost with a reason, reopened where they were; stale clicks refused."""

import pytest

from bot.common.errors import InvalidInput, NotAllowed, StaleDeal
from bot.deals import outcomes
from bot.deals import service as deals
from storage import queries
from tests.words import refused

T = "T0TEST"


def make(s, name="Acme"):
    return deals.create(session=s, team_id=T, actor="U0ANN", name=name).deal


def test_lost_deal_cannot_be_won_and_open_deal_cannot_be_reopened(session):
    make(session)
    with refused(NotAllowed, "only won or lost deals can be reopened"):
        outcomes.reopen(session=session, team_id=T, actor="U0ANN", ref="1")
    outcomes.lost(session=session, team_id=T, actor="U0ANN", ref="1", reason="budget")
    with refused(NotAllowed, "already Lost"):
        outcomes.won(session=session, team_id=T, actor="U0ANN", ref="1")
    with refused(InvalidInput, "needs a reason"):
        outcomes.lost(session=session, team_id=T, actor="U0ANN", ref="1", reason="  ")


@pytest.mark.usefixtures("everyone_admin")
def test_stale_won_is_refused(session):
    d = make(session)
    first = d.stage_id
    deals.move(session=session, team_id=T, actor="U0BOB", ref="1", to="needs", force=True)
    with refused(StaleDeal, "already moved to Needs confirmed by <@U0BOB>"):
        outcomes.won(session=session, team_id=T, actor="U0ANN", ref="1", expected_stage_id=first)


def test_a_known_loss_reason_becomes_its_label_and_free_text_is_kept():
    assert outcomes.reason_text("price") == "Price too high"
    assert outcomes.reason_text("  went\nwith  a friend ") == "went with a friend"
    with refused(InvalidInput, "Keep the reason under 500 characters"):
        outcomes.reason_text("x" * 501)


def test_a_lost_reason_refusal_names_the_known_reasons():
    with refused(InvalidInput, r"e\.g\. `/deal lost 12 price` \(`price`, `competitor`, "):
        outcomes.reason_text("")


@pytest.mark.usefixtures("everyone_admin")
def test_reopen_puts_the_deal_back_where_it_was_closed_from(session):
    make(session)
    deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="needs", force=True)
    v = outcomes.won(session=session, team_id=T, actor="U0ANN", ref="1")
    assert v.stage.kind == "won"
    v = outcomes.reopen(session=session, team_id=T, actor="U0BOB", ref="1")
    assert v.stage.key == "needs"
    last = queries.history(session=session, team_id=T, deal_id=v.deal.id)[-1]
    assert (last.kind, last.actor_id, last.from_value, last.to_value) == (
        "reopened", "U0BOB", "Won", "Needs confirmed"
    )
