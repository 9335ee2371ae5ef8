"""A change's outbox rows in one statement: in order, a Home refresh only for those who
opened their Home, each deal's first row taken at once unless one of its rows waits."""

from datetime import timedelta

from bot.deals import service as deals
from bot.threads import service as threads
from storage import db, deal_queries
from storage import outbox_batch as q
from storage import outbox_queries as queue
from storage.outbox_claim import claim
from storage.types import utcnow

T = "T0MANY"
LEASE = timedelta(seconds=60)


def _deal(s, name="Acme Corp"):
    return deals.create(session=s, team_id=T, actor="U0ANN", name=name).deal


def _line(deal, ref: int) -> dict:
    return {"team_id": T, "kind": "thread_line", "deal_id": deal.id, "ref_id": ref}


def test_rows_in_order_and_homes_only_for_those_who_opened_theirs(session):
    d = _deal(session)
    for user in ("U0BOB", "U0CAT"):
        threads.saw_home(session=session, team_id=T, user_id=user)
    deal_queries.add_collaborator(
        session=session, team_id=T, deal_id=d.id, user_id="U0CAT", added_by="U0ANN",
        reason=None, now=utcnow(),
    )  # fmt: skip
    session.flush()
    homes = {T: (["U0ANN", "U0BOB"], [d.id])}  # ann never opened hers; cat is on the deal
    ids = q.enqueue_many(session=session, rows=[_line(d, 1), _line(d, 2)], homes=homes)
    rows = {r.id: r for r in queue.rows(session=session, team_id=T)}
    assert [rows[i].ref_id for i in ids[:2]] == [1, 2]
    assert sorted(rows[i].user_id for i in ids[2:]) == ["U0BOB", "U0CAT"]
    assert {rows[i].status for i in ids} == {"pending"}
    # A refresh of bob's Home still waiting covers the next change's.
    assert q.enqueue_many(session=session, rows=[], homes={T: (["U0BOB"], [])}) == []


def test_each_deals_first_row_is_taken_unless_one_of_its_rows_waits(session):
    a, b = _deal(session), _deal(session, "Beta")
    waiting = q.enqueue_one(session=session, team_id=T, kind="thread_line", deal_id=b.id, ref_id=9)
    session.info.pop("outbox_taken", None)
    now = utcnow()
    offer = q.Offer(free=2, now=now, lease=LEASE)
    ids = q.enqueue_many(
        session=session, rows=[_line(a, 1), _line(a, 2), _line(b, 3)], homes={}, take=offer
    )
    rows = {r.id: r for r in queue.rows(session=session, team_id=T)}
    assert [rows[i].status for i in ids] == ["sending", "pending", "pending"]
    [taken] = session.info["outbox_taken"]
    assert (taken.id, taken.attempts, taken.lease_until) == (ids[0], 1, now + LEASE)
    # a's second row follows its first; b's waits behind its earlier row.
    assert [r.id for r in claim(session=session, now=utcnow(), limit=10, lease=LEASE)] == [waiting]


def test_rows_of_a_change_to_many_deals_are_all_written_in_order(session):
    d = _deal(session)
    many = q.CHUNK * 2 + 5
    q.enqueue_many(session=session, rows=[_line(d, i) for i in range(many)], homes={})
    lines = queue.rows(session=session, team_id=T, kind="thread_line")
    assert [r.ref_id for r in lines] == list(range(many))


def test_staged_rows_are_written_as_the_unit_commits(database):
    with db.session_scope() as s:
        d = _deal(s)
        q.enqueue_at_commit(session=s, rows=[_line(d, 1)], homes={})
        q.enqueue_at_commit(session=s, rows=[_line(d, 2)], homes={})
    with db.session_scope() as s:
        lines = queue.rows(session=s, team_id=T, kind="thread_line")
        assert [(r.ref_id, r.status) for r in lines] == [(1, "pending"), (2, "pending")]


def test_one_card_update_per_change_even_when_it_is_taken_at_once(database):
    with db.session_scope() as s:
        d = _deal(s)
    update = {"team_id": T, "kind": "card_update", "deal_id": d.id, "coalesce_key": f"card:{d.id}"}
    with db.session_scope() as s:
        q.enqueue_at_commit(session=s, rows=[update], homes={})  # a card refreshed
        q.enqueue_at_commit(session=s, rows=[_line(d, 1), update], homes={})  # and changed
        s.info["outbox_offer"] = q.Offer(free=1, now=utcnow(), lease=LEASE)
    with db.session_scope() as s:
        rows = queue.rows(session=s, team_id=T)
        assert [(r.kind, r.status) for r in rows] == [
            ("card_update", "sending"), ("thread_line", "pending")]  # fmt: skip
    # Once it is being sent, the next change's update waits behind it.
    with db.session_scope() as s:
        assert q.enqueue_one(session=s, **update) is not None
