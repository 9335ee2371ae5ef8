"""bench/statement_build.py compares like with like: the statement it builds on each call
reads what the outbox's built-once one reads, for a deal created from a message or not;
its two stage moves make the same move, and its two replay checks refuse each other's
signatures."""

import sys
from pathlib import Path

from bot.deals import service as deals
from bot.workspaces.service import ensure_workspace
from storage import card_queries, db, queries
from storage.models import Activity
from storage.shortcut_queries import FROM_MESSAGE

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from statement_build import (
    built_each_call,
    built_once,
    claim_core_built_once,
    claim_orm_built_each_call,
    move_built_each_call,
    move_built_once,
)


def test_both_forms_read_the_same_line_and_origin(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id="T1")
        plain = deals.create(session=s, team_id="T1", actor="U1", name="Acme")
        quoted = deals.create(session=s, team_id="T1", actor="U1", name="Globex")
        s.add(
            Activity(
                team_id="T1",
                deal_id=quoted.deal.id,
                actor_id="U1",
                kind=FROM_MESSAGE,
                message_ts="111.222",
                from_value="C0SALES",
            )
        )
        cases = [(v.deal.id, v.last.id) for v in (plain, quoted)] + [(999_999, None)]
    with db.read_scope() as s:
        for deal_id, activity_id in cases:
            once = built_once(s, "T1", deal_id, activity_id)
            each = built_each_call(s, "T1", deal_id, activity_id)
            assert (tuple(once) if once else None) == (tuple(each) if each else None)
        line = card_queries.line(
            session=s, team_id="T1", deal_id=quoted.deal.id, activity_id=quoted.last.id
        )
        assert line.origin == ("111.222", "C0SALES") and line.change.kind == "created"
        assert built_once(s, "T2", plain.deal.id, plain.last.id) is None  # another workspace
        assert built_each_call(s, "T2", plain.deal.id, plain.last.id) is None


def test_both_moves_move_only_from_the_stage_read(database):
    with db.session_scope() as s:
        ensure_workspace(session=s, team_id="T1")
        deal = deals.create(session=s, team_id="T1", actor="U1", name="Acme").deal
        first, second = [st.id for st in queries.stages(session=s, team_id="T1")[:2]]
    for move in (move_built_each_call, move_built_once):
        with db.session_scope() as s:
            moved = move(s, "T1", deal.id, (first, second))
            assert moved is not None and moved.stage_id == second
            assert move(s, "T1", deal.id, (first, second)) is None  # not at `first` any more
            assert move(s, "T2", deal.id, (second, first)) is None  # another workspace's
            assert move(s, "T1", deal.id, (second, first)).stage_id == first


def test_both_replay_checks_refuse_a_signature_either_has_seen(database):
    assert claim_orm_built_each_call("v0=one") and claim_core_built_once("v0=two")
    assert not claim_core_built_once("v0=one") and not claim_orm_built_each_call("v0=two")
