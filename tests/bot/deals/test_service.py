"""Deal operations on a real database (SQLite, and PostgreSQL in CI)."""

import threading

import pytest
from sqlmodel import select

from bot.common.errors import (
    AmbiguousDeal,
    DealNotFound,
    InvalidInput,
    NotAllowed,
    StageNotFound,
    StaleDeal,
)
from bot.common.money import parse_amount
from bot.deals import service as deals
from storage import db, queries
from storage.models import Activity, Deal, Workspace
from tests.words import refused, told

T = "T0TEST"


def new(s, name, amount=None, team=T, actor="U0ANN"):
    return deals.create(
        session=s,
        team_id=team,
        actor=actor,
        name=name,
        amount=parse_amount(amount) if amount else None,
    )


def test_new_deal_starts_in_first_stage_with_number_and_history(session):
    v = new(session, "Acme Corp", "12k")
    assert v.deal.number == 1
    assert v.stage.key == "prospect" and v.stage.name == "Prospect identified"
    assert (v.deal.value_minor, v.deal.currency) == (1_200_000, "USD")
    history = queries.history(session=session, team_id=T, deal_id=v.deal.id)
    assert [(a.kind, a.actor_id, a.to_value) for a in history] == [
        ("created", "U0ANN", "Prospect identified")
    ]


def test_default_pipeline_is_seven_open_stages_then_won_and_lost(session):
    new(session, "Acme")
    stages = queries.stages(session=session, team_id=T)
    assert [s.kind for s in stages] == ["open"] * 7 + ["won", "lost"]
    assert [s.probability for s in stages[:7]] == sorted(s.probability for s in stages[:7])


def test_numbers_are_per_workspace(session):
    new(session, "Acme")
    new(session, "Beta")
    other = new(session, "Gamma", team="T0OTHER")
    assert other.deal.number == 1


def test_deal_from_another_workspace_is_not_found(session):
    new(session, "Acme", team="T0OTHER")
    with pytest.raises(DealNotFound):
        deals.get(session=session, team_id=T, ref="1")
    with pytest.raises(DealNotFound):
        deals.get(session=session, team_id=T, ref="acme")


def test_reference_by_number_or_name_part(session):
    new(session, "Acme Corp")
    new(session, "Beta Industries")
    new(session, "Beta Labs")
    assert deals.get(session=session, team_id=T, ref="#1").name == "Acme Corp"
    assert deals.get(session=session, team_id=T, ref="acme").number == 1
    with pytest.raises(AmbiguousDeal) as e:
        deals.get(session=session, team_id=T, ref="beta")
    assert "#2 Beta Industries" in told(e) and "#3 Beta Labs" in told(e)


def test_unknown_deal_suggests_the_closest_names(session):
    new(session, "Acme Corp")
    with pytest.raises(DealNotFound) as e:
        deals.get(session=session, team_id=T, ref="Acme Crop")
    assert "Did you mean #1 Acme Corp" in told(e)
    with pytest.raises(DealNotFound) as e:
        deals.get(session=session, team_id=T, ref="99999")
    assert "There is no deal #99999" in told(e)


@pytest.mark.usefixtures("everyone_admin")
def test_move_records_from_and_to(session):
    v = new(session, "Acme")
    moved = deals.move(
        session=session, team_id=T, actor="U0BOB", ref="1", to="proposal", force=True
    )
    assert moved.view.stage.name == "Proposal received"
    assert moved.from_stage.name == "Prospect identified"
    last = queries.history(session=session, team_id=T, deal_id=v.deal.id)[-1]
    assert (last.kind, last.actor_id, last.from_value, last.to_value) == (
        "moved",
        "U0BOB",
        "Prospect identified",
        "Proposal received",
    )


def test_move_to_unknown_stage_lists_the_stages_and_changes_nothing(session):
    new(session, "Acme")
    with pytest.raises(StageNotFound) as e:
        deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="banana")
    assert "banana" in told(e) and "`proposal` (Proposal received)" in told(e)
    assert deals.get(session=session, team_id=T, ref="1").version == 1


@pytest.mark.usefixtures("everyone_admin")
def test_move_with_a_stale_expectation_is_refused_naming_who_moved_it(session):
    v = new(session, "Acme")
    first = v.stage.id
    deals.move(
        session=session,
        team_id=T,
        actor="U0BOB",
        ref="1",
        to="needs",
        expected_stage_id=first,
        force=True,
    )
    with pytest.raises(StaleDeal) as e:
        deals.move(
            session=session,
            team_id=T,
            actor="U0ANN",
            ref="1",
            to="proposal",
            expected_stage_id=first,
            force=True,
        )
    assert "already moved to Needs confirmed by <@U0BOB>" in told(e)
    assert deals.view(session=session, deal=v.deal).stage.key == "needs"


def test_move_to_same_stage_and_to_lost_are_refused(session):
    new(session, "Acme")
    with refused(NotAllowed, "already at Prospect identified"):
        deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="prospect")
    with refused(NotAllowed, "needs a reason"):
        deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="lost")


def test_won_deal_cannot_be_moved(session):
    new(session, "Acme")
    deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="won")
    with refused(NotAllowed, "reopen"):
        deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="proposal")


def test_long_or_empty_name_is_refused(session):
    with refused(InvalidInput, "5,000 characters"):
        new(session, "x" * 5000)
    with refused(InvalidInput, "needs a name"):
        new(session, "   ")
    assert session.exec(select(Deal)).all() == []


def test_concurrent_moves_from_one_card_apply_once(database):
    """Eight clicks on the same Advance button at once: one move, seven refusals."""
    with db.session_scope() as s:
        v = new(s, "Acme")
        s.get(Workspace, T).open_editing = True  # eight people may move it: who may is not tested
        first = v.stage.id
        target = queries.stages(session=s, team_id=T)[1].id
    results: list[str] = []
    barrier = threading.Barrier(8)

    def click(user: str) -> None:
        barrier.wait()
        try:
            with db.session_scope() as s:
                deals.move(
                    session=s,
                    team_id=T,
                    actor=user,
                    ref="1",
                    to_stage_id=target,
                    expected_stage_id=first,
                    force=True,  # Move anyway: the qualification gate is not what this tests
                )
            results.append("moved")
        except StaleDeal:
            results.append("stale")

    threads = [threading.Thread(target=click, args=(f"U{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["moved"] + ["stale"] * 7
    with db.session_scope() as s:
        moves = s.exec(select(Activity).where(Activity.kind == "moved")).all()
        assert len(moves) == 1
        assert deals.get(session=s, team_id=T, ref="1").version == 2


def test_concurrent_creates_get_distinct_numbers(database):
    numbers: list[int] = []
    barrier = threading.Barrier(6)

    def create(i: int) -> None:
        barrier.wait()
        with db.session_scope() as s:
            numbers.append(new(s, f"Deal {i}").deal.number)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]


def test_relationship_post_sale_stages_follow_won(session):
    from bot.pipeline.stages import use_template

    new(session, "Acme")
    use_template(session=session, team_id=T, actor="U0ANN", template="relationship")
    deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="won", force=True)
    moved = deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="checked_in")
    assert moved.view.stage.name == "First check-in done"
    with refused(NotAllowed, "Reopen it first"):
        deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="proposal")


def test_the_card_is_remembered_only_for_a_deal_of_the_workspace(session):
    v = new(session, "Acme")
    deals.set_card(session=session, team_id=T, deal_id=v.deal.id, channel_id="C1", ts="1.2")
    session.refresh(v.deal)
    assert (v.deal.channel_id, v.deal.card_ts, v.deal.version) == ("C1", "1.2", 1)
    with refused(DealNotFound, "That deal no longer exists"):
        deals.set_card(
            session=session, team_id="T0OTHER", deal_id=v.deal.id, channel_id="C2", ts="3"
        )
    session.refresh(v.deal)
    assert v.deal.channel_id == "C1"


def test_a_closed_deal_names_its_stage_and_how_to_reopen_it(session):
    new(session, "Acme <b>")
    deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="won")
    with pytest.raises(NotAllowed) as e:
        deals.move(session=session, team_id=T, actor="U0ANN", ref="1", to="proposal")
    assert told(e) == "#1 Acme &lt;b&gt; is Won. Reopen it first with `/deal reopen 1`."
