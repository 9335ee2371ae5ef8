"""The outbox queue: coalescing, per-deal order, leases, pauses, and claims across replicas."""

import threading
from datetime import timedelta

from bot.deals import service as deals
from storage import db, outbox_batch
from storage import outbox_queries as q
from storage.outbox_claim import claim
from storage.types import utcnow

T = "T0OUTBOX"
LEASE = timedelta(seconds=60)
enqueue = outbox_batch.enqueue_one


def _deal(s, name="Acme Corp"):
    return deals.create(session=s, team_id=T, actor="U0ANN", name=name).deal


def test_pending_updates_of_one_card_coalesce_into_one_row(session):
    d = _deal(session)
    first = enqueue(
        session=session, team_id=T, kind="card_update", deal_id=d.id, coalesce_key=f"card:{d.id}"
    )
    second = enqueue(
        session=session, team_id=T, kind="card_update", deal_id=d.id, coalesce_key=f"card:{d.id}"
    )
    assert first is not None and second is None
    [row] = claim(session=session, now=utcnow(), limit=10, lease=LEASE)
    # Once the row is being sent, a newer state queues again.
    assert (
        enqueue(
            session=session,
            team_id=T,
            kind="card_update",
            deal_id=d.id,
            coalesce_key=f"card:{d.id}",
        )
        is not None
    )
    assert row.id == first


def test_a_deals_rows_go_out_in_order_one_at_a_time(session):
    a, b = _deal(session), _deal(session, "Beta")
    ids = [
        enqueue(session=session, team_id=T, kind="thread_line", deal_id=a.id, ref_id=i)
        for i in range(3)
    ]
    other = enqueue(session=session, team_id=T, kind="thread_line", deal_id=b.id, ref_id=9)
    now = utcnow()
    assert [r.id for r in claim(session=session, now=now, limit=10, lease=LEASE)] == [
        ids[0],
        other,
    ]
    assert claim(session=session, now=now, limit=10, lease=LEASE) == []
    assert q.finish(session=session, row_id=ids[0], result_ts="1.1")
    assert [r.id for r in claim(session=session, now=now, limit=10, lease=LEASE)] == [ids[1]]


def test_an_expired_lease_is_taken_again_as_uncertain(session):
    d = _deal(session)
    row_id = enqueue(session=session, team_id=T, kind="card_post", deal_id=d.id)
    now = utcnow()
    [row] = claim(session=session, now=now, limit=1, lease=LEASE)
    assert not row.uncertain
    assert claim(session=session, now=now + timedelta(seconds=30), limit=1, lease=LEASE) == []
    [again] = claim(session=session, now=now + timedelta(seconds=61), limit=1, lease=LEASE)
    assert again.id == row_id and again.uncertain and again.attempts == 2


def test_rate_limited_rows_wait_and_refusing_channels_pause(session):
    d = _deal(session)
    r1 = enqueue(session=session, team_id=T, kind="thread_line", deal_id=d.id, channel_id="C1")
    enqueue(session=session, team_id=T, kind="digest", channel_id="C1")
    now = utcnow()
    claim(session=session, now=now, limit=1, lease=LEASE)
    q.later(
        session=session,
        row_id=r1,
        due_at=now + timedelta(seconds=30),
        uncertain=False,
        error="ratelimited",
    )
    assert [r.kind for r in claim(session=session, now=now, limit=5, lease=LEASE)] == ["digest"]
    assert q.pause_channel(session=session, team_id=T, channel_id="C1", error="is_archived") == 1
    statuses = {r.kind: r.status for r in q.rows(session=session, team_id=T)}
    assert statuses == {"thread_line": "paused", "digest": "sending"}


def test_a_signature_is_let_in_once(session):
    assert q.first_sighting(conn=session.connection(), signature="v0=abc", request_ts=100)
    assert not q.first_sighting(conn=session.connection(), signature="v0=abc", request_ts=100)
    q.forget_seen(conn=session.connection(), before_ts=200)
    assert q.first_sighting(conn=session.connection(), signature="v0=abc", request_ts=100)


def test_concurrent_claimers_never_take_the_same_row(database):
    with db.session_scope() as s:
        deal_ids = [_deal(s, f"Deal {i}").id for i in range(40)]
        for deal_id in deal_ids:
            enqueue(session=s, team_id=T, kind="card_post", deal_id=deal_id)
    taken: list[int] = []
    lock = threading.Lock()

    def claimer():
        while True:
            with db.session_scope() as s:
                got = [r.id for r in claim(session=s, now=utcnow(), limit=3, lease=LEASE)]
            if not got:
                return
            with lock:
                taken.extend(got)

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(taken) == 40 and len(set(taken)) == 40


def test_a_changes_rows_are_taken_in_its_own_transaction_the_first_of_each_deal(session):
    a, b = _deal(session), _deal(session, "Beta")
    session.info.pop("outbox_taken", None)
    now = utcnow()
    card, line, other, digest = outbox_batch.enqueue_many(
        session=session,
        rows=[
            {"team_id": T, "kind": "card_post", "deal_id": a.id},
            {"team_id": T, "kind": "thread_line", "deal_id": a.id, "ref_id": 1},
            {"team_id": T, "kind": "card_post", "deal_id": b.id},
            {"team_id": T, "kind": "digest", "channel_id": "C1"},
        ],
        homes={},
        take=outbox_batch.Offer(free=2, now=now, lease=LEASE),
    )
    taken, now = session.info["outbox_taken"], utcnow()
    assert sorted(r.id for r in taken) == [card, other]
    assert {r.status for r in taken} == {"sending"}
    # What is taken is nobody else's to claim; the deal's line waits behind its card.
    assert [r.id for r in claim(session=session, now=now, limit=10, lease=LEASE)] == [digest]
    [taken_card] = [r for r in taken if r.id == card]
    finished, following = q.finish_and_take_next(
        session=session, row=taken_card, result_ts="1.1", now=now, lease=LEASE
    )
    assert finished and following.id == line and following.status == "sending"
    [sent] = [r for r in q.rows(session=session, team_id=T) if r.id == card]
    assert (sent.status, sent.result_ts, sent.lease_until) == ("done", "1.1", None)


def test_a_deal_with_an_earlier_row_waiting_is_not_taken_at_once(session):
    d = _deal(session)
    enqueue(session=session, team_id=T, kind="thread_line", deal_id=d.id, ref_id=1)
    session.info.pop("outbox_taken", None)  # that row was written by an earlier change
    offer = outbox_batch.Offer(free=4, now=utcnow(), lease=LEASE)
    row = {"team_id": T, "kind": "thread_line", "deal_id": d.id, "ref_id": 2}
    [line] = outbox_batch.enqueue_many(session=session, rows=[row], homes={}, take=offer)
    assert "outbox_taken" not in session.info
    assert [r.status for r in q.rows(session=session, team_id=T) if r.id == line] == ["pending"]


def _three_lines_first_claimed(session):
    """A deal's three thread lines written, its first claimed: their ids, the first, now."""
    d = _deal(session)
    ids = [
        enqueue(session=session, team_id=T, kind="thread_line", deal_id=d.id, ref_id=i)
        for i in range(3)
    ]
    now = utcnow()
    [first] = claim(session=session, now=now, limit=10, lease=LEASE)
    return ids, first, now


def test_the_next_row_of_a_deal_is_taken_only_when_it_is_due(session):
    ids, first, now = _three_lines_first_claimed(session)
    _, second = q.finish_and_take_next(
        session=session, row=first, result_ts=None, now=now, lease=LEASE
    )
    assert second.id == ids[1] and second.status == "sending" and second.attempts == 1
    q.later(
        session=session,
        row_id=ids[2],
        due_at=now + timedelta(minutes=1),
        uncertain=False,
        error="ratelimited",
    )
    finished, third = q.finish_and_take_next(
        session=session, row=second, result_ts=None, now=now, lease=LEASE
    )
    assert finished and third is None
    assert [r.status for r in q.rows(session=session, team_id=T)] == ["done", "done", "pending"]


def test_a_row_no_longer_ours_is_not_finished_and_takes_nothing(session):
    # Its lease ran out and another process sent and finished it first: the late sender's
    # finish changes nothing and takes no row.
    ids, first, now = _three_lines_first_claimed(session)
    assert q.finish(session=session, row_id=first.id, result_ts="9.9")
    finished, following = q.finish_and_take_next(
        session=session, row=first, result_ts="1.1", now=now, lease=LEASE
    )
    assert not finished and following is None
    rows = q.rows(session=session, team_id=T)
    assert [(r.id, r.status) for r in rows] == [
        (ids[0], "done"), (ids[1], "pending"), (ids[2], "pending")
    ]
    assert rows[0].result_ts == "9.9"
